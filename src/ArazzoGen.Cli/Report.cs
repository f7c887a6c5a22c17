using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Cli;

/// <summary>What a command found and did, printed as text lines or as one JSON object.</summary>
internal sealed record Report(int FileCount, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Written)
{
    public int Count(DiagnosticSeverity severity) => Findings.Count(f => f.Severity == severity);

    public void Write(TextWriter output, OutputFormat format, bool quiet)
    {
        var shown = Findings.Where(f => !quiet || f.Severity == DiagnosticSeverity.Error).ToList();
        if (format == OutputFormat.Json)
        {
            WriteJson(output, shown);
            return;
        }

        foreach (var finding in shown)
        {
            output.WriteLine(finding.ToText());
        }

        if (!quiet)
        {
            output.WriteLine(Summary());
        }
    }

    public string Summary()
    {
        var text = string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1}, {2}, {3}.",
            Plural(FileCount, "file", "files") + " checked",
            Plural(Count(DiagnosticSeverity.Error), "error", "errors"),
            Plural(Count(DiagnosticSeverity.Warning), "warning", "warnings"),
            Plural(Count(DiagnosticSeverity.Info), "info", "infos"));
        return Written.Count == 0 ? text : text + " " + Plural(Written.Count, "file", "files") + " written.";
    }

    private static string Plural(int n, string one, string many)
        => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    private void WriteJson(TextWriter output, IEnumerable<Finding> shown)
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteNumber("files", FileCount);
            json.WriteNumber("errors", Count(DiagnosticSeverity.Error));
            json.WriteNumber("warnings", Count(DiagnosticSeverity.Warning));
            json.WriteNumber("infos", Count(DiagnosticSeverity.Info));
            json.WriteStartArray("diagnostics");
            foreach (var finding in shown)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("written");
            foreach (var path in Written)
            {
                json.WriteStringValue(path);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        if (finding.Path is null)
        {
            json.WriteNull("path");
        }
        else
        {
            json.WriteString("path", finding.Path);
        }

        json.WriteNumber("line", finding.Line);
        json.WriteNumber("column", finding.Column);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteNumber("endColumn", finding.EndColumn);
        json.WriteString("severity", finding.SeverityName);
        json.WriteString("id", finding.Id);
        json.WriteString("message", finding.Message);
        json.WriteEndObject();
    }
}
