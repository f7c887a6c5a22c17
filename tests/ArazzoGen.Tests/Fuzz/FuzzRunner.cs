using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>An AdditionalFile decoded from bytes as the compiler decodes one (UTF-8, BOM detected, invalid bytes
/// replaced), so byte-level mutations reach the generator exactly as they would in a build.</summary>
internal sealed class ByteAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public ByteAdditionalText(string path, byte[] bytes)
    {
        Path = path;
        _text = SourceText.From(bytes, bytes.Length, Encoding.UTF8, SourceHashAlgorithm.Sha256,
            throwIfBinaryDetected: false);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>The files of one case: a seed document with one of its files mutated.</summary>
internal sealed record FuzzInput(int Seed, string SeedName, int MutatedFile, IReadOnlyList<FuzzFile> Files,
    IReadOnlyList<string> Mutations)
{
    public string Describe()
        => $"seed {Seed.ToString(CultureInfo.InvariantCulture)} ({SeedName}, {Files[MutatedFile].Path}: "
           + string.Join(", ", Mutations) + ")";
}

/// <summary>What one case did: its failures (empty when it passed) and how long and how much it took.</summary>
internal sealed record FuzzOutcome(FuzzInput Input, IReadOnlyList<string> Failures, TimeSpan Elapsed, long PeakBytes)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>The kind of the first failure, stable across inputs, for minimizing to "the same failure".</summary>
    public string? Kind => Failures.Count == 0 ? null : Failures[0].Split(':')[0];
}

/// <summary>
/// Runs the real generator on a fuzz case under a watchdog and checks what must hold whatever the input: nothing
/// thrown or caught as ARZ0017, done within the time budget and a memory bound, an error diagnostic or generated code
/// that compiles, and every diagnostic placed inside one of the case's files.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>The processor time one case may take. Judged on CPU time, not wall-clock time: this machine is
    /// shared, and a case that waited for a core did not hang.</summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

    /// <summary>The wall-clock time after which the watchdog cancels the run, however loaded the machine.</summary>
    public static readonly TimeSpan WallBudget = TimeSpan.FromSeconds(30);

    /// <summary>How far the live managed heap may grow while a case runs.</summary>
    public const long MemoryBudget = 1L << 30;

    /// <summary>The compiler runs generators on pool threads: 1.5 MB stacks on Linux, 1 MB on Windows.</summary>
    private const int StackSize = 1 << 20;

    // One empty compilation: every case adds its generated trees to it, so the references are bound only once.
    private static readonly Lazy<Compilation> Empty = new(() => GeneratorHarness.Compilation());

    public static FuzzInput Generate(int seed)
    {
        var random = new Random(seed);
        var seeds = FuzzSeeds.All;
        var chosen = seeds[random.Next(seeds.Count)];
        // Mostly the Arazzo document; a quarter of the cases mutate an OpenAPI document beside a valid one.
        var target = chosen.Files.Count > 1 && random.Next(4) == 0 ? 1 + random.Next(chosen.Files.Count - 1) : 0;
        var mutator = new Mutator(random);
        var files = chosen.Files.ToList();
        files[target] = files[target] with { Bytes = mutator.Mutate(files[target].Bytes) };
        return new FuzzInput(seed, chosen.Name, target, files, mutator.Applied);
    }

    /// <summary>The seed of case <paramref name="index"/> of the run seeded <paramref name="runSeed"/>.</summary>
    public static int CaseSeed(int runSeed, int index) => unchecked(runSeed * 1_000_003 + index * 7_919);

    public static FuzzOutcome Run(FuzzInput input)
    {
        var failures = new List<string>();
        var texts = input.Files.Select(f => (AdditionalText)new ByteAdditionalText(f.Path, f.Bytes))
            .ToImmutableArray();
        var compilation = Empty.Value;

        using var cancellation = new CancellationTokenSource();
        GeneratorRunResult? result = null;
        Compilation? output = null;
        Exception? escaped = null;
        var stopwatch = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var worker = new Thread(
            () =>
            {
                try
                {
                    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                    stopwatch.Start();
                    var driver = GeneratorHarness.CreateDriver(texts, track: false)
                        .RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _, cancellation.Token);
                    stopwatch.Stop();
                    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
                    result = driver.GetRunResult().Results.Single();
                    output = updated;
                }
                catch (Exception ex)
                {
                    stopwatch.Stop();
                    escaped = ex;
                }
            },
            StackSize) { IsBackground = true, Name = "fuzz case " + input.Seed.ToString(CultureInfo.InvariantCulture) };

        var baseline = GC.GetTotalMemory(false);
        var peak = 0L;
        worker.Start();
        var deadline = Stopwatch.StartNew();
        // The watchdog: cancel at the wall-clock budget or the memory bound, give up on the thread 10 s later (it is
        // abandoned, and reported: a generator that ignores cancellation hangs the IDE too).
        while (!worker.Join(20))
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            if (peak > MemoryBudget || deadline.Elapsed > WallBudget)
            {
                cancellation.Cancel();
            }

            if (deadline.Elapsed > WallBudget + TimeSpan.FromSeconds(10))
            {
                failures.Add("hang: the generator ignored cancellation for 10 s");
                return new FuzzOutcome(input, failures, deadline.Elapsed, peak);
            }
        }

        peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
        if (peak > MemoryBudget)
        {
            failures.Add(FormattableString.Invariant($"memory: the managed heap grew by {peak >> 20} MB"));
        }

        if (escaped is OperationCanceledException)
        {
            failures.Add(FormattableString.Invariant(
                $"timeout: the watchdog cancelled the generator after {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        }
        else if (cpu > TimeBudget)
        {
            failures.Add(FormattableString.Invariant(
                $"timeout: the generator ran {stopwatch.Elapsed.TotalSeconds:0.0} s ({cpu.TotalSeconds:0.0} s CPU)"));
        }

        if (escaped is not null and not OperationCanceledException)
        {
            failures.Add("exception: " + escaped);
        }

        if (result is not { } run || output is null)
        {
            return new FuzzOutcome(input, failures, stopwatch.Elapsed, peak);
        }

        if (run.Exception is { } exception)
        {
            failures.Add("exception: " + exception);
        }

        foreach (var diagnostic in run.Diagnostics)
        {
            if (diagnostic.Id == "ARZ0017")
            {
                failures.Add("internal error: " + diagnostic);
            }

            if (Misplaced(diagnostic, texts) is { } problem)
            {
                failures.Add("location: " + problem + ": " + diagnostic);
            }
        }

        if (!run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) && run.GeneratedSources.Length > 0)
        {
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
            if (errors.Count > 0)
            {
                failures.Add("compile: no generator error, but the generated code does not compile: "
                             + GeneratorHarness.Describe(errors));
            }
        }

        return new FuzzOutcome(input, failures, stopwatch.Elapsed, peak);
    }

    /// <summary>Why a diagnostic's location is not a place in one of the case's files, or null when it is.</summary>
    private static string? Misplaced(Diagnostic diagnostic, ImmutableArray<AdditionalText> files)
    {
        var location = diagnostic.Location;
        if (location.Kind is not (LocationKind.ExternalFile or LocationKind.SourceFile))
        {
            return "no location (" + location.Kind + ")";
        }

        var span = location.GetLineSpan();
        var file = files.FirstOrDefault(f => string.Equals(f.Path, span.Path, StringComparison.Ordinal));
        if (file is null)
        {
            return "a file that is not an AdditionalFile (" + span.Path + ")";
        }

        var text = file.GetText()!;
        if (location.SourceSpan.End > text.Length)
        {
            return FormattableString.Invariant(
                $"span end {location.SourceSpan.End} past the file's {text.Length} characters");
        }

        if (span.EndLinePosition.Line >= text.Lines.Count || span.StartLinePosition.Line < 0)
        {
            return FormattableString.Invariant(
                $"line {span.EndLinePosition.Line + 1} past the file's {text.Lines.Count} lines");
        }

        // The compiler shows the line and column it is given: they must be where the span starts in the file as the
        // compiler splits it into lines (CR, LF, CRLF, NEL, LS and PS each end one).
        var actual = text.Lines.GetLinePosition(location.SourceSpan.Start);
        if (actual != span.StartLinePosition)
        {
            return FormattableString.Invariant(
                       $"line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}")
                   + FormattableString.Invariant(
                       $" but the span starts at line {actual.Line + 1}, column {actual.Character + 1}");
        }

        return null;
    }
}
