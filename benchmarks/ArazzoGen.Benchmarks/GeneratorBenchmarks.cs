using System.Collections.Generic;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Benchmark 1: the generator over the whole corpus with no cache (a fresh driver, as in a first build), against
/// the bare parse of the same files.
/// </summary>
[MemoryDiagnoser]
public class ColdGeneratorBenchmarks
{
    private IReadOnlyList<CorpusFile> _files = null!;
    private ImmutableArray<AdditionalText> _texts;
    private CSharpCompilation _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _files = Corpus.Files;
        _texts = Corpus.AdditionalTexts(_files);
        _compilation = GeneratorHost.Compilation();
    }

    [Benchmark(Baseline = true)]
    public int Bare_parse() => BareParse.Run(_files);

    [Benchmark]
    public int Bare_parse_without_validation() => BareParse.Run(_files, validate: false);

    [Benchmark]
    public GeneratorDriver Generator_cold()
        => GeneratorHost.CreateDriver(_texts, track: false).RunGenerators(_compilation);
}

/// <summary>
/// Benchmark 2: the generator after a C# edit that has nothing to do with Arazzo. Each invocation hands the warm
/// driver the other of two compilations that differ by one syntax tree, as typing in an editor does.
/// </summary>
[MemoryDiagnoser]
public class CachedGeneratorBenchmarks
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _before = null!;
    private CSharpCompilation _after = null!;
    private bool _edited;

    [GlobalSetup]
    public void Setup()
    {
        _before = GeneratorHost.Compilation();
        _after = _before.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }"));
        _driver = GeneratorHost.CreateDriver(Corpus.AdditionalTexts(Corpus.Files), track: false)
            .RunGenerators(_before);
    }

    [Benchmark]
    public GeneratorDriver Generator_after_csharp_edit()
    {
        _edited = !_edited;
        _driver = _driver.RunGenerators(_edited ? _after : _before);
        return _driver;
    }
}
