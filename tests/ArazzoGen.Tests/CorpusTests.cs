using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// Every Arazzo document of the third-party corpus (TestData/corpus, see PROVENANCE.md) through the real generator,
/// against the outcome its row in TestData/corpus/expectations.md expects. Run with ARAZZOGEN_ACCEPT_CORPUS=1 to
/// write today's outcomes into the table; paths, files and reasons are kept.
/// </summary>
public class CorpusTests
{
    private static readonly Lazy<IReadOnlyList<CorpusRow>> Table = new(() =>
        CorpusTable.Read(Path.Combine(CorpusTable.OutputRoot, CorpusTable.FileName)));

    public static IEnumerable<object[]> Documents() => Table.Value.Select(row => new object[] { row.Path });

    [Theory]
    [MemberData(nameof(Documents))]
    public void Corpus(string path)
    {
        var row = Table.Value.Single(r => r.Path == path);

        var actual = CorpusRun.Run(row);

        if (CorpusTable.AcceptMode)
        {
            CorpusTable.WriteOutcome(row.Path, actual.Outcome);
            return;
        }

        Assert.True(
            row.Outcome == actual.Outcome,
            $"{row.Path}{Environment.NewLine}expected: {row.Outcome}{Environment.NewLine}actual:   {actual.Outcome}"
            + $"{Environment.NewLine}{actual.Details}");
    }

    [Fact]
    public void Every_expected_failure_has_a_reason_and_every_corpus_document_has_a_row()
    {
        var rows = Table.Value;
        Assert.Empty(rows.Where(r => r.ExpectsFailure && r.Reason.Length == 0).Select(r => r.Path));

        // Every failure is the document's fault: nothing is excused as not supported yet.
        Assert.Empty(rows.Where(r => r.Reason.Contains("pending", StringComparison.OrdinalIgnoreCase)
                                     || r.Outcome.Contains("ARZ0013", StringComparison.Ordinal)).Select(r => r.Path));
        Assert.Empty(rows.GroupBy(r => r.Path).Where(g => g.Count() > 1).Select(g => g.Key));

        var root = CorpusTable.OutputRoot;
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)
                        || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => CorpusRun.IsArazzo(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var listed = rows.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(onDisk.Except(listed).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Empty(listed.Except(onDisk).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Empty(rows.SelectMany(r => r.Files).Where(f => !File.Exists(Path.Combine(root, f))).Distinct());
    }
}
