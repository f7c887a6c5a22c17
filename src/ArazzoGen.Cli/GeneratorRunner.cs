using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ArazzoGen.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Cli;

/// <summary>A generated C# file: the hint name the generator gave it and its text.</summary>
internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>What one generator run reported and wrote.</summary>
internal sealed record GeneratorOutcome(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<GeneratedFile> Files,
    Exception? Exception);

/// <summary>
/// Runs <see cref="ArazzoGenerator"/> exactly as a build does: through a <see cref="CSharpGeneratorDriver"/>, with the
/// files as AdditionalTexts and the namespace as the RootNamespace build property.
/// </summary>
internal static class GeneratorRunner
{
    public static GeneratorOutcome Run(IEnumerable<InputFile> files, string? rootNamespace)
    {
        var texts = files.Where(f => f.Text is not null)
            .Select(f => (AdditionalText)new InMemoryAdditionalText(f.FullPath, f.Text!))
            .ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            // Only RootNamespace (from --namespace): the MSBuild settings of docs/configuration.md (ArazzoGenLoopDelay,
            // per-file ArazzoClassNames…) are not taken on the command line.
            BuildOptionsProvider.WithRootNamespace(rootNamespace));

        // The generator reads no C#: an empty compilation is all it needs.
        var result = driver.RunGenerators(CSharpCompilation.Create("arazzogen"), CancellationToken.None)
            .GetRunResult().Results.Single();
        var generated = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .ToList();
        return new GeneratorOutcome(result.Diagnostics, generated, result.Exception);
    }
}
