using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

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
            .Select(f => (AdditionalText)new FileText(f.FullPath, f.Text!))
            .ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new BuildProperties(rootNamespace));

        // The generator reads no C#: an empty compilation is all it needs.
        var result = driver.RunGenerators(CSharpCompilation.Create("arazzogen"), CancellationToken.None)
            .GetRunResult().Results.Single();
        var generated = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .ToList();
        return new GeneratorOutcome(result.Diagnostics, generated, result.Exception);
    }

    /// <summary>An AdditionalFile whose text was read before the run.</summary>
    private sealed class FileText : AdditionalText
    {
        private readonly SourceText _text;

        public FileText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>
    /// The global options MSBuild would pass. The CLI gives only RootNamespace (from --namespace); the MSBuild settings
    /// of docs/configuration.md (ArazzoGenLoopDelay, per-file ArazzoClassNames…) are not taken on the command line.
    /// </summary>
    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(string? rootNamespace) => _global = new Options(rootNamespace);

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
                var found = _rootNamespace is not null
                            && string.Equals(key, "build_property.RootNamespace", StringComparison.Ordinal);
                value = found ? _rootNamespace! : string.Empty;
                return found;
            }
        }
    }
}
