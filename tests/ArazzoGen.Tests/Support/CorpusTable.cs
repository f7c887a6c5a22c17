using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace ArazzoGen.Tests.Support;

/// <summary>A row of <c>TestData/corpus/expectations.md</c>: a corpus Arazzo document and its outcome.</summary>
internal sealed record CorpusRow(string Path, IReadOnlyList<string> Files, string Outcome, string Reason)
{
    public const string Generates = "generates";

    /// <summary>True when the row expects the generator to report an error or a warning.</summary>
    public bool ExpectsFailure => !Outcome.StartsWith(Generates, StringComparison.Ordinal);
}

/// <summary>
/// Reads the corpus expectations table, and in accept mode writes outcomes back into its source copy.
/// The table is a markdown table whose data lines start with <c>| `</c>; everything else in the file is prose.
/// </summary>
internal static class CorpusTable
{
    public const string FileName = "expectations.md";

    private static readonly object WriteLock = new();

    /// <summary>The copy of the corpus that the build puts beside the test assembly.</summary>
    public static string OutputRoot => Path.Combine(AppContext.BaseDirectory, "TestData", "corpus");

    public static bool AcceptMode => Environment.GetEnvironmentVariable("ARAZZOGEN_ACCEPT_CORPUS") == "1";

    /// <summary>The table in the source tree, which accept mode rewrites.</summary>
    public static string SourcePath([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "TestData", "corpus", FileName);

    public static IReadOnlyList<CorpusRow> Read(string path) => Parse(File.ReadAllLines(path));

    public static IReadOnlyList<CorpusRow> Parse(IEnumerable<string> lines)
        => lines.Where(IsRow).Select(ParseRow).ToList();

    /// <summary>Replaces the outcome of <paramref name="path"/>'s row in the source table, keeping the rest.</summary>
    public static void WriteOutcome(string path, string outcome)
    {
        lock (WriteLock)
        {
            var file = SourcePath();
            var text = File.ReadAllText(file);
            var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var lines = text.Split(newline);
            for (var i = 0; i < lines.Length; i++)
            {
                if (IsRow(lines[i]) && ParseRow(lines[i]) is var row && row.Path == path)
                {
                    lines[i] = Format(row with { Outcome = outcome });
                }
            }

            File.WriteAllText(file, string.Join(newline, lines), new UTF8Encoding(false));
        }
    }

    public static string Format(CorpusRow row)
    {
        var files = row.Files.Count == 0 ? "(none)" : string.Join(", ", row.Files.Select(f => "`" + f + "`"));
        return $"| `{row.Path}` | {files} | {row.Outcome} | {row.Reason} |";
    }

    private static bool IsRow(string line) => line.StartsWith("| `", StringComparison.Ordinal);

    private static CorpusRow ParseRow(string line)
    {
        var cells = SplitCells(line);
        if (cells.Count != 4)
        {
            throw new FormatException($"A corpus row needs 4 cells, this one has {cells.Count}: {line}");
        }

        var files = cells[1] == "(none)"
            ? new List<string>()
            : cells[1].Split(',').Select(f => Unquote(f.Trim())).ToList();
        return new CorpusRow(Unquote(cells[0]), files, cells[2], cells[3]);
    }

    /// <summary>Cells between unescaped pipes, trimmed; <c>\|</c> stays inside a cell.</summary>
    private static List<string> SplitCells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '|' && line[i - 1] != '\\')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        return cells;
    }

    private static string Unquote(string cell) => cell.Trim().Trim('`');
}
