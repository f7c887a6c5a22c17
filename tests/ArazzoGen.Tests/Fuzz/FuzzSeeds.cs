using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ArazzoGen.Tests.Support;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>One file of a fuzz case: the path the generator sees and the bytes the compiler would read.</summary>
internal sealed record FuzzFile(string Path, byte[] Bytes);

/// <summary>A valid starting point: an Arazzo document (the first file) and the files it names.</summary>
internal sealed record FuzzSeed(string Name, IReadOnlyList<FuzzFile> Files);

/// <summary>
/// The documents mutations start from: every corpus row with its AdditionalFiles, every test fixture folder, and the
/// seed sample. Read once per process; the order is fixed so a case seed always picks the same document.
/// </summary>
internal static class FuzzSeeds
{
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> Cached = new(Load);

    public static IReadOnlyList<FuzzSeed> All => Cached.Value;

    private static IReadOnlyList<FuzzSeed> Load()
    {
        var seeds = new List<FuzzSeed>();
        var testData = Path.Combine(AppContext.BaseDirectory, "TestData");

        seeds.Add(new FuzzSeed("seed/dust", new[]
        {
            Read(testData, "arazzo/dust-run-app-and-poll.arazzo.yaml", "/fuzz/arazzo/"),
            Read(testData, "openapi/dust-apps-api-openapi.yml", "/fuzz/openapi/"),
        }));

        // Each fixture folder is one project: its Arazzo documents name each other and the OpenAPI beside them.
        foreach (var folder in new[] { "workflows", "features", "criteria", "requests" })
        {
            var all = Directory.GetFiles(Path.Combine(testData, folder), "*.yaml")
                .Select(Path.GetFileName)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            foreach (var arazzo in all.Where(n => n!.Contains(".arazzo.", StringComparison.Ordinal)))
            {
                var files = new List<FuzzFile> { Read(testData, folder + "/" + arazzo, "/fuzz/" + folder + "/") };
                files.AddRange(all.Where(n => n != arazzo)
                    .Select(n => Read(testData, folder + "/" + n, "/fuzz/" + folder + "/")));
                seeds.Add(new FuzzSeed(folder + "/" + arazzo, files));
            }
        }

        foreach (var row in CorpusTable.Read(Path.Combine(CorpusTable.OutputRoot, CorpusTable.FileName)))
        {
            var files = row.Files.Prepend(row.Path)
                .Select(f => new FuzzFile(
                    CorpusRun.Root + f,
                    File.ReadAllBytes(Path.Combine(CorpusTable.OutputRoot, f))))
                .ToList();
            seeds.Add(new FuzzSeed("corpus/" + row.Path, files));
        }

        return seeds;
    }

    private static FuzzFile Read(string root, string relative, string folder)
        => new(folder + Path.GetFileName(relative), File.ReadAllBytes(Path.Combine(root, relative)));
}
