using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Support;

/// <summary>
/// Runs the generator on one corpus row and describes what happened in the table's outcome notation:
/// <c>generates</c> (with the info diagnostics, if any), or every diagnostic as <c>ID@line:column</c>.
/// </summary>
internal static class CorpusRun
{
    /// <summary>Where the corpus files sit for the generator; paths inside it are the corpus paths.</summary>
    public const string Root = "/corpus/";

    private static readonly Regex ArazzoField = new(
        @"^\s*[""']?arazzo[""']?\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // Every row reads its files from here, so a big OpenAPI document is read from disk once per test run.
    private static readonly ConcurrentDictionary<string, AdditionalText> Files = new(StringComparer.Ordinal);

    public static bool IsArazzo(string text) => ArazzoField.IsMatch(text);

    public static Result Run(CorpusRow row)
    {
        var files = row.Files.Prepend(row.Path).Select(Load).ToImmutableArray();

        var otherArazzo = new HashSet<string>(
            row.Files.Where(f => IsArazzo(Load(f).GetText()!.ToString())).Select(f => Root + f),
            StringComparer.Ordinal);

        var (result, output, _) = GeneratorHarness.Run(files);
        if (result.Exception is { } exception)
        {
            return new Result($"exception {exception.GetType().Name}", exception.ToString());
        }

        // A referenced Arazzo document has its own row: its diagnostics are judged there.
        var diagnostics = result.Diagnostics
            .Where(d => !otherArazzo.Contains(d.Location.GetLineSpan().Path ?? string.Empty))
            .OrderBy(d => d.Location.GetLineSpan().Path == Root + row.Path ? 0 : 1)
            .ThenBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var compile = result.GeneratedSources.Length == 0
            ? new List<Diagnostic>()
            : GeneratorHarness.CompileProblems(output).ToList();
        var details = GeneratorHarness.Describe(diagnostics.Concat(compile));

        var failed = diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning) || compile.Count > 0;
        var notation = diagnostics.Concat(compile).Select(d => At(d, row.Path)).ToList();
        if (!failed)
        {
            var infos = notation.Count == 0 ? string.Empty : " with " + string.Join(", ", notation);
            return new Result(CorpusRow.Generates + infos, details);
        }

        return new Result(string.Join(", ", notation), details);
    }

    /// <summary><c>ID@line:column</c>, one-based, with the file first when it is not the row's document.</summary>
    private static string At(Diagnostic diagnostic, string rowPath)
    {
        var span = diagnostic.Location.GetLineSpan();
        if (!span.IsValid)
        {
            return diagnostic.Id + "@-";
        }

        var path = span.Path ?? string.Empty;
        var file = path == Root + rowPath
            ? string.Empty
            : (path.StartsWith(Root, StringComparison.Ordinal) ? path.Substring(Root.Length) : Path.GetFileName(path))
              + ":";
        return $"{diagnostic.Id}@{file}{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}";
    }

    private static AdditionalText Load(string relative) => Files.GetOrAdd(relative, static path =>
        new InMemoryAdditionalText(Root + path, File.ReadAllText(Path.Combine(CorpusTable.OutputRoot, path))));

    /// <summary>The outcome in table notation, and the diagnostics' messages for a failing assertion.</summary>
    public sealed record Result(string Outcome, string Details);
}
