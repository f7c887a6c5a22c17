using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Mutated Arazzo and OpenAPI documents never crash, hang or exhaust the generator, and what it accepts compiles.
/// A few hundred seeded cases per test run; <c>ARAZZOGEN_FUZZ_CASES</c> and <c>ARAZZOGEN_FUZZ_SEED</c> run more or
/// others, <c>ARAZZOGEN_FUZZ_REPLAY</c> runs one case seed, <c>ARAZZOGEN_FUZZ_MINIMIZE=1</c> shrinks each failure
/// and prints it (see docs/fuzzing.md).
/// </summary>
public class FuzzTests
{
    public const int DefaultSeed = 20_260_101;
    public const int DefaultCases = 200;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Fuzz_mutated_documents_never_crash_hang_or_generate_broken_code()
    {
        var runSeed = Setting("ARAZZOGEN_FUZZ_SEED", DefaultSeed);
        var cases = Setting("ARAZZOGEN_FUZZ_CASES", DefaultCases);
        var replay = Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_REPLAY");
        var seeds = replay is null
            ? Enumerable.Range(0, cases).Select(i => FuzzRunner.CaseSeed(runSeed, i)).ToList()
            : replay.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

        // A stack overflow would end the process without a report: the log names the case that was running.
        var logPath = Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_LOG");
        using var log = logPath is null ? null : new StreamWriter(logPath, append: false) { AutoFlush = true };

        var startMemory = GC.GetTotalMemory(true);
        var stopwatch = Stopwatch.StartNew();
        var failed = new List<FuzzOutcome>();
        var slowest = TimeSpan.Zero;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var input = FuzzRunner.Generate(seed);
            log?.WriteLine("run " + input.Describe());
            var outcome = FuzzRunner.Run(input);
            slowest = outcome.Elapsed > slowest ? outcome.Elapsed : slowest;
            if (!outcome.Passed)
            {
                failed.Add(outcome);
                kinds[outcome.Kind!] = kinds.GetValueOrDefault(outcome.Kind!) + 1;
                log?.WriteLine("FAIL " + input.Describe() + Environment.NewLine + string.Join(Environment.NewLine,
                    outcome.Failures.Select(f => "  " + First(f, 2000))));
            }

            if (failed.Count(o => o.Kind == "hang") >= 3)
            {
                break;
            }
        }

        var retained = GC.GetTotalMemory(true) - startMemory;
        var which = replay is null ? "run seed " + runSeed.ToString(CultureInfo.InvariantCulture) : "replayed";
        var summary = FormattableString.Invariant($"fuzz: {seeds.Count} cases, {which}, ")
            + FormattableString.Invariant($"{stopwatch.Elapsed.TotalSeconds:0.0} s, ")
            + FormattableString.Invariant(
                $"slowest case {slowest.TotalSeconds:0.00} s, retained heap {retained >> 20} MB, ")
            + FormattableString.Invariant($"{failed.Count} failing")
            + (kinds.Count == 0 ? string.Empty : " (" + string.Join(", ", kinds.Select(k => k.Key + " " + k.Value))
                + ")");
        _output.WriteLine(summary);
        log?.WriteLine(summary);
        Console.WriteLine(summary);

        var report = new StringBuilder();
        foreach (var outcome in failed.Take(20))
        {
            report.AppendLine(outcome.Input.Describe());
            foreach (var failure in outcome.Failures.Take(3))
            {
                report.AppendLine("  " + First(failure, 1500));
            }

            if (Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_MINIMIZE") == "1")
            {
                var small = Minimizer.Minimize(outcome.Input, outcome.Kind!, TimeSpan.FromSeconds(60));
                var bytes = small.Files[small.MutatedFile].Bytes;
                report.AppendLine($"  minimized {small.Files[small.MutatedFile].Path} ({bytes.Length} bytes), base64: "
                                  + First(Convert.ToBase64String(bytes), 4000));
                report.AppendLine("  text: " + First(Encoding.UTF8.GetString(bytes), 2000));
            }
        }

        _output.WriteLine(report.ToString());
        log?.WriteLine(report.ToString());
        Assert.True(failed.Count == 0, summary + Environment.NewLine + report);
        Assert.True(retained < FuzzRunner.MemoryBudget / 4, $"the run retained {retained >> 20} MB of managed heap");
    }

    private static string First(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var value) ? value : fallback;
}
