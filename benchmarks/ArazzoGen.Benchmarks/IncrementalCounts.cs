using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Benchmarks;

/// <summary>How many outputs of one tracked step were computed again, and how many there were.</summary>
public sealed record StepCount(string Step, int Rerun, int Total)
{
    public override string ToString() => $"{Step}: {Rerun} of {Total} re-run";
}

/// <summary>
/// Benchmarks 3 and 4 count, rather than time: which tracked steps a second build computes again after one Arazzo
/// document is edited, and how often the Rebilly description is parsed when ten documents name it.
/// </summary>
public static class IncrementalCounts
{
    /// <summary>The Arazzo document benchmark 3 edits, and the step description it changes.</summary>
    public const string EditedDocument = Corpus.VirtualRoot + "redocly/resources/museum-tickets.arazzo.yaml";

    /// <summary>
    /// Builds the corpus, adds an unrelated C# file, builds again: how many outputs of all tracked steps re-ran.
    /// </summary>
    public static StepCount AfterCSharpEdit()
    {
        var compilation = GeneratorHost.Compilation();
        var driver = GeneratorHost.CreateDriver(Corpus.AdditionalTexts(Corpus.Files), track: true)
            .RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { int X => 1; }"));
        var counts = Count(driver.RunGenerators(edited).GetRunResult().Results.Single());
        return new StepCount("all tracked steps", counts.Sum(c => c.Rerun), counts.Sum(c => c.Total));
    }

    /// <summary>
    /// Builds the corpus, edits the description of one step of <see cref="EditedDocument"/>, builds again, and
    /// counts per tracked step.
    /// </summary>
    public static IReadOnlyList<StepCount> AfterOneArazzoEdit()
    {
        var texts = Corpus.AdditionalTexts(Corpus.Files);
        var compilation = GeneratorHost.Compilation();
        var driver = GeneratorHost.CreateDriver(texts, track: true).RunGenerators(compilation);

        var original = texts.Single(t => t.Path == EditedDocument);
        var text = original.GetText()!.ToString();
        var edited = EditOneStep(text);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(original.Path, edited));
        return Count(driver.RunGenerators(compilation).GetRunResult().Results.Single());
    }

    /// <summary>
    /// A changed step description: the document's C# changes (the step's XML doc), its workflows do not.
    /// </summary>
    public static string EditOneStep(string text)
    {
        const string marker = "Buy museum tickets resolving request details";
        return text.Contains(marker, StringComparison.Ordinal)
            ? text.Replace(marker, "Buy tickets, with the request details", StringComparison.Ordinal)
            : throw new InvalidOperationException("the document benchmark 3 edits has changed; pick another edit");
    }

    /// <summary>
    /// The Rebilly description and ten Arazzo documents that each call one of its operations, built once: how many
    /// times the description was parsed, and how many of the documents bound to it without an error.
    /// </summary>
    public static (int Parses, int Bound, int Documents) RebillyNamedByTen()
    {
        var rebilly = Corpus.Rebilly;
        var folder = rebilly.Path.Substring(0, rebilly.Path.LastIndexOf('/') + 1);
        var files = new List<AdditionalText> { new InMemoryAdditionalText(rebilly.Path, rebilly.Text) };
        files.AddRange(RebillyReaders.Operations.Select((operation, n) =>
            (AdditionalText)new InMemoryAdditionalText(
                folder + RebillyReaders.FileName(n),
                RebillyReaders.Text(n, operation))));

        var result = GeneratorHost.CreateDriver(files.ToImmutableArray(), track: true)
            .RunGenerators(GeneratorHost.Compilation()).GetRunResult().Results.Single();
        var parses = result.TrackedSteps[TrackingNames.Parse]
            .Count(step => InputPath(step) == rebilly.Path);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Location.GetLineSpan().Path).ToHashSet(StringComparer.Ordinal);
        var bound = result.GeneratedSources.Length == RebillyReaders.Operations.Length
            ? RebillyReaders.Operations.Select((_, n) => folder + RebillyReaders.FileName(n))
                .Count(p => !errors.Contains(p))
            : 0;
        return (parses, bound, RebillyReaders.Operations.Length);
    }

    private static IReadOnlyList<StepCount> Count(GeneratorRunResult result)
        => new[]
        {
            // Every tracked step of the generator (CachingTests keeps the same list).
            TrackingNames.Parse, TrackingNames.OpenApiIndexes, TrackingNames.ProjectSettings,
            TrackingNames.FileSettings, TrackingNames.Settings, TrackingNames.ArazzoSources, TrackingNames.Declare,
            TrackingNames.Workflows, TrackingNames.Bind, TrackingNames.DependencyInjection, TrackingNames.Emit,
        }.Select(name =>
        {
            var reasons = result.TrackedSteps.TryGetValue(name, out var steps)
                ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList()
                : new List<IncrementalStepRunReason>();
            return new StepCount(
                name.Substring(name.IndexOf('.') + 1),
                reasons.Count(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)),
                reasons.Count);
        }).ToList();

    private static string? InputPath(IncrementalGeneratorRunStep step)
        => step.Inputs.Select(i => i.Source.Outputs[i.OutputIndex].Value).OfType<AdditionalText>()
            .FirstOrDefault()?.Path;
}
