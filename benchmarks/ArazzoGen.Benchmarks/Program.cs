using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ArazzoGen.Benchmarks.Respect;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Runs the six benchmarks of docs/benchmarks.md and prints their ratios against the goals.
/// <c>--quick</c>: BenchmarkDotNet runs with few iterations and one Respect run per loop length (under two minutes);
/// without it, more iterations and five Respect runs per length.
/// <c>--no-respect</c> leaves out benchmark 6; <c>--only NAME</c> runs only the BenchmarkDotNet class whose name
/// starts with NAME (Cold, Cached, Workflow), for profiling; <c>--cpu N</c> times benchmark 1 in processor time over
/// N rounds instead; <c>--repository PATH</c> says where the repository is.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        if (Option(args, "--cpu") is { } rounds)
        {
            CpuTimeComparison.Run(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        var repository = Option(args, "--repository") ?? FindRepository();

        // Out-of-process benchmarks find the corpus through this, wherever BenchmarkDotNet builds them.
        Environment.SetEnvironmentVariable(Corpus.FolderVariable, Corpus.Folder);

        var config = Config(quick, Option(args, "--artifacts"));
        var only = Option(args, "--only");
        var types = new[]
            {
                typeof(ColdGeneratorBenchmarks), typeof(CachedGeneratorBenchmarks), typeof(WorkflowBenchmarks),
            }
            .Where(t => only is null || t.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        var report = new ResultTable(BenchmarkRunner.Run(types, config));
        if (only is not null)
        {
            report.Print(Console.Out);
            return 0;
        }

        report.CSharpEdit = IncrementalCounts.AfterCSharpEdit();
        report.ArazzoEdit = IncrementalCounts.AfterOneArazzoEdit();
        report.Rebilly = IncrementalCounts.RebillyNamedByTen();

        if (!args.Contains("--no-respect"))
        {
            var comparison = new OverheadComparison(repository);
            if (comparison.RespectInstalled)
            {
                report.Generated = await comparison.GeneratedAsync(quick ? 50 : 200).ConfigureAwait(false);
                report.Respect = await comparison.RespectAsync(quick ? 1 : 5).ConfigureAwait(false);
            }
            else
            {
                Console.WriteLine("Respect is not installed (benchmarks/run.sh installs it); benchmark 6 left out.");
            }
        }

        report.Print(Console.Out);
        return 0;
    }

    private static IConfig Config(bool quick, string? artifacts)
    {
        // Six warm-ups: the parsers take four or five cold runs of the corpus to reach their steady speed.
        // Both modes run each benchmark in a process of its own: in the host's process the bare parse measured about
        // 0.5 s instead of 0.3 s, which made the quick ratio of benchmark 1 read far lower than the full one.
        var job = quick
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(9)
                .WithIterationTime(TimeInterval.FromMilliseconds(200)).WithId("Quick")
            : Job.Default.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(15).WithId("Full");
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        return artifacts is null ? config : config.WithArtifactsPath(artifacts);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ArazzoGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository above the program; pass --repository.");
    }
}
