using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Runs <see cref="ArazzoGenerator"/> through a <see cref="CSharpGeneratorDriver"/>, as the compiler does in a build.
/// </summary>
public static class GeneratorHost
{
    /// <summary>A small C# compilation: the generator reads no C#, so its content does not matter.</summary>
    public static CSharpCompilation Compilation(string source = "class A { }")
        => CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>
    /// A driver that has not run yet. A build does not track steps; the counting benchmarks do.
    /// </summary>
    public static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> files, bool track)
        => CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            files,
            new CSharpParseOptions(LanguageVersion.Latest),
            BuildOptionsProvider.WithRootNamespace("Bench.Generated"),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
}
