using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ArazzoGen.Benchmarks.Respect;
using BenchmarkDotNet.Reports;

namespace ArazzoGen.Benchmarks;

/// <summary>The results of one run, as the table docs/benchmarks.md shows: medians, ratios, goals.</summary>
public sealed class ResultTable
{
    private readonly Dictionary<string, (double MedianNs, long? Bytes)> _timed = new(StringComparer.Ordinal);

    public ResultTable(IEnumerable<Summary> summaries)
    {
        foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null))
        {
            _timed[report.BenchmarkCase.Descriptor.WorkloadMethod.Name] = (
                report.ResultStatistics!.Median,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
        }
    }

    public StepCount? CSharpEdit { get; set; }

    public IReadOnlyList<StepCount>? ArazzoEdit { get; set; }

    public (int Parses, int Bound, int Documents)? Rebilly { get; set; }

    public StepOverhead? Generated { get; set; }

    public StepOverhead? Respect { get; set; }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| # | what | measured (medians) | ratio | goal | met |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Row(output, 1, "generator, cold, over the corpus vs the bare parse", Cold());
        Row(output, 2, "generator after an unrelated C# edit", CSharp());
        Row(output, 3, "generator after a step edit in one Arazzo document", Arazzo());
        Row(output, 4, "Rebilly description (2.3 MB) named by ten documents", RebillyRow());
        Row(output, 5, "Dust run (5 requests): generated vs hand-written", Workflow());
        Row(output, 6, "overhead per step beyond the server: Respect vs generated", Overhead());
        if (Generated is not null && Respect is not null)
        {
            output.WriteLine();
            output.WriteLine(Generated);
            output.WriteLine(Respect);
        }
    }

    private static void Row(TextWriter output, int number, string what, string[]? cells)
        => output.WriteLine(cells is null
            ? $"| {number} | {what} | not measured | | | |"
            : $"| {number} | {what} | {string.Join(" | ", cells)} |");

    private string[]? Cold()
    {
        if (!_timed.TryGetValue("Generator_cold", out var generator) || !_timed.TryGetValue("Bare_parse", out var bare))
        {
            return null;
        }

        var ratio = generator.MedianNs / bare.MedianNs;
        // The strictest floor too: Microsoft.OpenApi without the validation rules the generator skips.
        var strict = _timed.TryGetValue("Bare_parse_without_validation", out var unvalidated)
            ? $"; {F(generator.MedianNs / unvalidated.MedianNs)} against {Ms(unvalidated.MedianNs)} for the bare "
              + "parse without validation"
            : string.Empty;
        return new[]
        {
            $"{Ms(generator.MedianNs)} vs {Ms(bare.MedianNs)} ({Corpus.Files.Count} files){strict}",
            F(ratio), "≤ 1.30", Met(ratio <= 1.3),
        };
    }

    private string[]? CSharp()
    {
        if (!_timed.TryGetValue("Generator_after_csharp_edit", out var run) || CSharpEdit is null)
        {
            return null;
        }

        var perRunMs = run.MedianNs / 1e6;
        return new[]
        {
            $"{perRunMs.ToString("0.000", CultureInfo.InvariantCulture)} ms per run; {CSharpEdit}",
            string.Empty, "< 1 ms, all cached", Met(perRunMs < 1 && CSharpEdit.Rerun == 0),
        };
    }

    private string[]? Arazzo()
    {
        if (ArazzoEdit is null)
        {
            return null;
        }

        var only = ArazzoEdit.All(c => c.Rerun <= 1)
                   && ArazzoEdit.Where(c => c.Step is "Parse" or "Bind" or "Emit").All(c => c.Rerun == 1);
        return new[]
        {
            string.Join("; ", ArazzoEdit.Select(c => $"{c.Step} {c.Rerun}/{c.Total}")),
            string.Empty, "only that document re-runs", Met(only),
        };
    }

    private string[]? RebillyRow()
    {
        if (Rebilly is not { } counts)
        {
            return null;
        }

        return new[]
        {
            $"parsed {counts.Parses}× per build; {counts.Bound} of {counts.Documents} documents bound",
            string.Empty, "parsed once", Met(counts.Parses == 1 && counts.Bound == counts.Documents),
        };
    }

    private string[]? Workflow()
    {
        if (!_timed.TryGetValue("Generated", out var generated) || !_timed.TryGetValue("Hand_written", out var hand))
        {
            return null;
        }

        var time = generated.MedianNs / hand.MedianNs;
        var bytes = (double)(generated.Bytes ?? 0) / (hand.Bytes ?? 1);
        return new[]
        {
            $"{Us(generated.MedianNs)} vs {Us(hand.MedianNs)}; {Kb(generated.Bytes)} vs {Kb(hand.Bytes)} allocated",
            $"time {F(time)}, bytes {F(bytes)}", "≤ 1.10, ≤ 1.25", Met(time <= 1.10 && bytes <= 1.25),
        };
    }

    private string[]? Overhead()
    {
        if (Generated is null || Respect is null)
        {
            return null;
        }

        var ratio = Respect.PerStepMs / Generated.PerStepMs;
        return new[]
        {
            $"{Respect.PerStepMs.ToString("0.00", CultureInfo.InvariantCulture)} ms vs "
            + $"{Generated.PerStepMs.ToString("0.000", CultureInfo.InvariantCulture)} ms per step",
            F(ratio, "0") + "×", "≥ 20×", Met(ratio >= 20),
        };
    }

    private static string Ms(double ns) => (ns / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Us(double ns) => (ns / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " µs";

    private static string Kb(long? bytes)
        => bytes is null ? "?" : (bytes.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string F(double value, string format = "0.00")
        => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Met(bool met) => met ? "yes" : "**no**";
}
