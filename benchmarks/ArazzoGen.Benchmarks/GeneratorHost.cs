using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Benchmarks;

/// <summary>An AdditionalFile held in memory, as the compiler hands one to a generator.</summary>
public sealed class MemoryText : AdditionalText
{
    private readonly SourceText _text;

    public MemoryText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

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
            new RootNamespaceOptions("Bench.Generated"),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private sealed class RootNamespaceOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public RootNamespaceOptions(string rootNamespace) => _global = new Options(rootNamespace);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(null);

            private readonly string? _rootNamespace;

            public Options(string? rootNamespace) => _rootNamespace = rootNamespace;

            public override bool TryGetValue(string key, out string value)
            {
                value = _rootNamespace ?? string.Empty;
                return _rootNamespace is not null && key == "build_property.RootNamespace";
            }
        }
    }
}
