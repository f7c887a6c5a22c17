using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Benchmark 1 again, timed in processor time rather than wall-clock time: on a machine whose cores other work is
/// also using, time spent waiting for a core is not the code's, and processor time leaves it out. The two sides
/// alternate in one process; the medians and their ratio are printed.
/// </summary>
public static class CpuTimeComparison
{
    public static void Run(int rounds)
    {
        var cold = new ColdGeneratorBenchmarks();
        cold.Setup();
        cold.Bare_parse();
        cold.Generator_cold();
        var bare = new List<double>();
        var generator = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            bare.Add(ProcessorMilliseconds(() => cold.Bare_parse()));
            generator.Add(ProcessorMilliseconds(() => cold.Generator_cold()));
        }

        var ratio = Median(generator) / Median(bare);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"processor time, {rounds} rounds: generator {Median(generator):F0} ms, bare parse {Median(bare):F0} ms, "
            + $"ratio {ratio:F2}"));
    }

    private static double ProcessorMilliseconds(Action action)
    {
        // A full collection first, so that each side pays for its own garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
