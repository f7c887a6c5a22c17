using System;
using System.Collections.Generic;
using System.Linq;

namespace ArazzoGen.Benchmarks.Respect;

/// <summary>
/// One runner's timings of the filtered Dust workflow against the timed loopback server: per run, the wall time
/// minus the server's own time, at two loop lengths. The difference between the lengths, divided by the extra steps,
/// is the runner's cost per step with its fixed costs (process start, reading the documents) taken out.
/// </summary>
public sealed record StepOverhead(
    string Runner,
    int Runs,
    int ShortSteps,
    int LongSteps,
    double ShortWallMs,
    double ShortOverheadMs,
    double LongWallMs,
    double LongOverheadMs)
{
    /// <summary>Milliseconds per step beyond the server's own time: the medians' difference per extra step.</summary>
    public double PerStepMs => (LongOverheadMs - ShortOverheadMs) / (LongSteps - ShortSteps);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public override string ToString()
        => $"{Runner}: {Runs} runs per length; {ShortSteps} steps {ShortWallMs:F2} ms ({ShortOverheadMs:F2} beyond "
           + $"the server), {LongSteps} steps {LongWallMs:F2} ms ({LongOverheadMs:F2}); {PerStepMs:F3} ms per step";
}
