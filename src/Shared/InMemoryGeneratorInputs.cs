using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Compiled into every program that runs the generator outside a build (the CLI, the tests, the benchmarks), each as
// its own internal copy: what MSBuild hands the compiler, held in memory.
namespace ArazzoGen.Hosting;

/// <summary>An AdditionalFile held in memory, as the compiler hands one to a generator.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>
/// Analyzer options as MSBuild passes them: global properties (<c>build_property.RootNamespace</c>…) and, per
/// AdditionalFile path, its metadata (keys such as <c>build_metadata.AdditionalFiles.ArazzoClassNames</c>).
/// </summary>
internal sealed class BuildOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _files;

    public BuildOptionsProvider(
        IReadOnlyDictionary<string, string> global,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? files = null)
    {
        _global = new Options(global);
        _files = files ?? new Dictionary<string, IReadOnlyDictionary<string, string>>();
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <summary>Options with only a RootNamespace, or none when it is null.</summary>
    public static BuildOptionsProvider WithRootNamespace(string? rootNamespace)
        => new(rootNamespace is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _files.TryGetValue(textFile.Path, out var values) ? new Options(values) : Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> _values;

        public Options(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            var found = _values.TryGetValue(key, out var text);
            value = text ?? string.Empty;
            return found;
        }
    }
}
