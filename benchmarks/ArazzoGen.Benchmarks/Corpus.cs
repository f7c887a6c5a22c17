using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Benchmarks;

/// <summary>What a corpus file is, decided by its content as the generator decides it.</summary>
public enum DocumentKind
{
    Arazzo,
    OpenApi,
    Other,
}

/// <summary>One YAML or JSON file of the corpus, read into memory before anything is timed.</summary>
public sealed record CorpusFile(string Path, string Text, DocumentKind Kind)
{
    /// <summary>The format Microsoft.OpenApi is told the file has.</summary>
    public string Format => Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";
}

/// <summary>
/// The repository's copy of the third-party corpus (tests/ArazzoGen.Tests/TestData/corpus, copied beside this
/// program by the build): every YAML and JSON file in it, under a fixed virtual root so that hint names and
/// diagnostics do not depend on where the repository lives.
/// </summary>
public static class Corpus
{
    public const string VirtualRoot = "/corpus/";

    private static readonly Regex Arazzo = new(
        @"^\s*[""']?arazzo[""']?\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex OpenApi = new(
        @"^\s*[""']?(openapi|swagger)[""']?\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Lazy<IReadOnlyList<CorpusFile>> Loaded = new(Load);

    /// <summary>
    /// Set by the host process, so that benchmarks BenchmarkDotNet runs in a process of its own find the corpus.
    /// </summary>
    public const string FolderVariable = "ARAZZOGEN_BENCHMARK_CORPUS";

    public static string Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? folder
        : System.IO.Path.Combine(AppContext.BaseDirectory, "corpus");

    public static IReadOnlyList<CorpusFile> Files => Loaded.Value;

    /// <summary>The Rebilly description, 2.3 MB: the largest OpenAPI document of the corpus.</summary>
    public static CorpusFile Rebilly
        => Files.Single(f => f.Path.EndsWith("/rebilly/rebilly-description.yaml", StringComparison.Ordinal));

    public static ImmutableArray<AdditionalText> AdditionalTexts(IEnumerable<CorpusFile> files)
        => files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();

    public static DocumentKind KindOf(string text)
        => Arazzo.IsMatch(text) ? DocumentKind.Arazzo
            : OpenApi.IsMatch(text) ? DocumentKind.OpenApi
            : DocumentKind.Other;

    private static IReadOnlyList<CorpusFile> Load()
    {
        if (!Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"The corpus was not copied beside the program: {Folder}");
        }

        return Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)
                        || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => (Relative: System.IO.Path.GetRelativePath(Folder, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f =>
            {
                var text = File.ReadAllText(f.Full);
                return new CorpusFile(VirtualRoot + f.Relative, text, KindOf(text));
            })
            .ToList();
    }
}
