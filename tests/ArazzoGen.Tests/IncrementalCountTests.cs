using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// What a second build does again, counted over the whole corpus (benchmarks 3 and 4 of docs/benchmarks.md count
/// the same things; these are counts, never times).
/// </summary>
public class IncrementalCountTests
{
    private const string Root = "/corpus/";
    private const string Tickets = Root + "redocly/resources/museum-tickets.arazzo.yaml";
    private const string Rebilly = Root + "redocly/tests/smoke/rebilly/rebilly-description.yaml";

    private static readonly Lazy<ImmutableArray<AdditionalText>> CorpusFiles = new(() =>
        Directory.EnumerateFiles(CorpusTable.OutputRoot, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)
                        || f.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (AdditionalText)new InMemoryAdditionalText(
                Root + Path.GetRelativePath(CorpusTable.OutputRoot, f).Replace('\\', '/'),
                File.ReadAllText(f)))
            .ToImmutableArray());

    [Fact]
    public void Editing_one_step_of_one_corpus_document_rebinds_and_reemits_only_that_document()
    {
        var files = CorpusFiles.Value;
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources;

        // A step description: it is in the generated C# (the step's XML doc), and changes no workflow's signature.
        var original = files.Single(f => f.Path == Tickets);
        var text = original.GetText()!.ToString()
            .Replace("Buy museum tickets resolving", "Buy tickets, resolving", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(original.Path, text));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(1, Rerun(result, TrackingNames.Parse));
        Assert.Equal(0, Rerun(result, TrackingNames.OpenApiIndexes));
        Assert.Equal(0, Rerun(result, TrackingNames.Workflows));
        Assert.Equal(1, Rerun(result, TrackingNames.Bind));
        Assert.Equal(1, Rerun(result, TrackingNames.Emit));
        Assert.True(Outputs(result, TrackingNames.Emit).Count > 90, "the corpus was not read");

        // Only the edited document's C# differs.
        var changed = result.GeneratedSources
            .Where(s => before.Single(b => b.HintName == s.HintName).SourceText.ToString() != s.SourceText.ToString())
            .Select(s => s.HintName);
        Assert.Equal(new[] { "museum-tickets.arazzo.g.cs" }, changed);
    }

    [Fact]
    public void An_openapi_description_named_by_ten_documents_is_parsed_once_per_build()
    {
        var rebilly = CorpusFiles.Value.Single(f => f.Path == Rebilly);
        var readers = RebillyReaders.Operations.Select((operation, n) => (AdditionalText)new InMemoryAdditionalText(
            $"{Root}redocly/tests/smoke/rebilly/{RebillyReaders.FileName(n)}", RebillyReaders.Text(n, operation)));
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(readers.Prepend(rebilly).ToImmutableArray());

        driver = driver.RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(10, first.GeneratedSources.Length);
        Assert.Equal(1, ParsesOf(first, Rebilly));
        Assert.Equal(10, Outputs(first, TrackingNames.Bind).Count);

        // The next build, after an edit to one of the ten, does not parse the description at all.
        var edited = driver.RunGenerators(compilation.AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { }"))).GetRunResult().Results.Single();
        Assert.Equal(0, Rerun(edited, TrackingNames.Parse));
    }

    /// <summary>How many times the Parse step ran with the file at <paramref name="path"/> as its input.</summary>
    private static int ParsesOf(GeneratorRunResult result, string path)
        => result.TrackedSteps[TrackingNames.Parse]
            .Where(step => step.Outputs.All(o => o.Reason == IncrementalStepRunReason.New))
            .Count(step => step.Inputs.Select(i => i.Source.Outputs[i.OutputIndex].Value).OfType<AdditionalText>()
                .Any(t => t.Path == path));

    private static List<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step)
        => result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static int Rerun(GeneratorRunResult result, string step)
        => Outputs(result, step)
            .Count(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
}
