using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Cli;

/// <summary>The commands; callable in process (the tests do) with any writers and current directory.</summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int ErrorsFound = 1;
    public const int UsageError = 2;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        try
        {
            return RunCommand(args, stdout, stderr, currentDirectory);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing a document contains should get here; if something does, say so instead of a stack trace.
            stderr.WriteLine($"arazzogen: error: internal error: {ex.GetType().Name}: {ex.Message}");
            return ErrorsFound;
        }
    }

    private static int RunCommand(string[] args, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var options = CommandLine.Parse(args, out var error);
        if (options is null)
        {
            stderr.WriteLine("arazzogen: " + error);
            stderr.WriteLine(CommandLine.Usage);
            return UsageError;
        }

        switch (options.Command)
        {
            case CommandLine.Help:
                stdout.WriteLine(CommandLine.Usage);
                return Success;
            case CommandLine.Version:
                stdout.WriteLine(typeof(CliApp).Assembly.GetName().Version?.ToString(3));
                return Success;
        }

        var missing = new List<string>();
        var paths = InputFiles.Expand(options.Inputs, currentDirectory, missing);
        if (missing.Count > 0 || paths.Count == 0)
        {
            var message = missing.Count > 0
                ? "no such file or folder: " + string.Join(", ", missing)
                : "no *.yaml, *.yml or *.json file in " + string.Join(", ", options.Inputs);
            stderr.WriteLine("arazzogen: " + message);
            return UsageError;
        }

        var report = Execute(options, paths, currentDirectory);
        report.Write(stdout, options.Format, options.Quiet);
        return report.Count(DiagnosticSeverity.Error) > 0 ? ErrorsFound : Success;
    }

    private static Report Execute(CliOptions options, IReadOnlyList<string> paths, string currentDirectory)
    {
        var files = paths.Select(InputFiles.Read).ToList();
        var findings = files.Where(f => f.Problem is not null)
            .Select(f => Finding.Tool(f.FullPath, currentDirectory, DiagnosticSeverity.Error, f.Problem!))
            .ToList();
        findings.AddRange(paths.Where(p => !InputFiles.IsDocumentName(p)).Select(p => Finding.Tool(
            p, currentDirectory, DiagnosticSeverity.Warning,
            "ignored: the generator reads only *.yaml, *.yml and *.json files.")));

        var outcome = GeneratorRunner.Run(files, options.Namespace);
        findings.AddRange(outcome.Diagnostics.Select(d => Finding.FromDiagnostic(d, currentDirectory)));
        if (outcome.Exception is { } ex)
        {
            findings.Add(Finding.Tool(null, currentDirectory, DiagnosticSeverity.Error,
                $"the generator failed: {ex.GetType().Name}: {ex.Message}"));
        }

        var written = new List<string>();
        if (options.Command == CommandLine.Generate)
        {
            var folder = Path.GetFullPath(options.OutDirectory!, currentDirectory);
            written.AddRange(Write(folder, outcome.Files, currentDirectory, findings));
        }

        return new Report(files.Count, Sort(findings), written);
    }

    /// <summary>Writes the generated files; a file that cannot be written is a finding, not a crash.</summary>
    private static IEnumerable<string> Write(
        string folder, IReadOnlyList<GeneratedFile> files, string currentDirectory, List<Finding> findings)
    {
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(folder, Path.GetFileName(file.HintName));
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, file.Text, Utf8NoBom);
                written.Add(Finding.Display(path, currentDirectory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                findings.Add(Finding.Tool(path, currentDirectory, DiagnosticSeverity.Error,
                    "cannot be written: " + ex.Message));
            }
        }

        return written;
    }

    // By file, then position; findings without a position keep the generator's order (a stable sort).
    private static List<Finding> Sort(IEnumerable<Finding> findings)
        => findings.OrderBy(f => f.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ToList();
}
