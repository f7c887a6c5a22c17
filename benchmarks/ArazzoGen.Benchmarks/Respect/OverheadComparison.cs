using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArazzoGen.Benchmarks.Dust;
using ArazzoGen.Runtime;

namespace ArazzoGen.Benchmarks.Respect;

/// <summary>
/// Benchmark 6: the filtered Dust workflow (benchmarks/dust) run by Redocly Respect and by the code ArazzoGen
/// generates from it, against the same <see cref="TimedDustServer"/> on 127.0.0.1. Respect is given that server for
/// the workflow's one source, so it sends nothing anywhere else.
/// </summary>
public sealed class OverheadComparison
{
    /// <summary>Loop lengths: 3 polls answer running (5 steps), then 23 (25 steps).</summary>
    public const int ShortPolls = 3;

    public const int LongPolls = 23;

    private const string WorkflowId = "run-app-and-poll-filtered";

    private readonly string _repository;

    public OverheadComparison(string repository) => _repository = repository;

    private string Document
        => Path.Combine(_repository, "benchmarks", "dust", "dust-run-app-and-poll-filtered.arazzo.yaml");

    private string Respect => Path.Combine(_repository, "benchmarks", "respect", "node_modules", ".bin", "redocly");

    public bool RespectInstalled => File.Exists(Respect);

    public async Task<StepOverhead> GeneratedAsync(int runs)
    {
        var shortRuns = new List<(double Wall, double Server)>();
        var longRuns = new List<(double Wall, double Server)>();
        await using var server = await TimedDustServer.StartAsync(ShortPolls).ConfigureAwait(false);
        using var http = new HttpClient();
        var options = new ArazzoWorkflowOptions { LoopDelay = TimeSpan.Zero };
        options.BaseAddresses["appsApi"] = server.BaseAddress;
        var workflow = new RunAppAndPollFilteredWorkflow(http, options);
        var inputs = new RunAppAndPollFilteredInputs
        {
            ApiToken = DustScript.ApiKey,
            WId = DustScript.WorkspaceId,
            SpaceId = DustScript.SpaceId,
            AId = DustScript.AppId,
            SpecificationHash = DustScript.SpecificationHash,
            Config = DustScript.Config,
            Inputs = DustScript.Inputs,
        };

        // Warm up: JIT, the connection pool, Kestrel.
        for (var i = 0; i < 20; i++)
        {
            await TimeAsync(server, ShortPolls, async () => (await workflow.RunAsync(inputs).ConfigureAwait(false))
                .Succeeded).ConfigureAwait(false);
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var (polls, list) in new[] { (ShortPolls, shortRuns), (LongPolls, longRuns) })
            {
                list.Add(await TimeAsync(server, polls, async () => (await workflow.RunAsync(inputs)
                    .ConfigureAwait(false)).Succeeded).ConfigureAwait(false));
            }
        }

        return Summarize("ArazzoGen (generated code)", runs, shortRuns, longRuns);
    }

    public async Task<StepOverhead> RespectAsync(int runs)
    {
        var shortRuns = new List<(double Wall, double Server)>();
        var longRuns = new List<(double Wall, double Server)>();
        await using var server = await TimedDustServer.StartAsync(ShortPolls).ConfigureAwait(false);

        // One run first, so the file cache holds node and the CLI for every measured run.
        await TimeAsync(server, ShortPolls, () => RunRespectAsync(server.BaseAddress)).ConfigureAwait(false);
        for (var i = 0; i < runs; i++)
        {
            foreach (var (polls, list) in new[] { (ShortPolls, shortRuns), (LongPolls, longRuns) })
            {
                list.Add(await TimeAsync(server, polls, () => RunRespectAsync(server.BaseAddress))
                    .ConfigureAwait(false));
            }
        }

        return Summarize("Redocly Respect 2.77.0", runs, shortRuns, longRuns);
    }

    private static async Task<(double Wall, double Server)> TimeAsync(
        TimedDustServer server, int polls, Func<Task<bool>> run)
    {
        server.Script.PollsBeforeDone = polls;
        var requests = server.Requests;
        var serverTime = server.ServerTime;
        var start = Stopwatch.GetTimestamp();
        var succeeded = await run().ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(start);
        var made = server.Requests - requests;
        if (!succeeded || made != polls + 2)
        {
            throw new InvalidOperationException(
                $"a run made {made} requests instead of {polls + 2} (succeeded: {succeeded})");
        }

        return (wall.TotalMilliseconds, (server.ServerTime - serverTime).TotalMilliseconds);
    }

    private async Task<bool> RunRespectAsync(Uri server)
    {
        var start = new ProcessStartInfo(Respect)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Document)!,
        };
        foreach (var argument in RespectArguments(server))
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, update checks or notices: the only address Respect may reach is the loopback server.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["REDOCLY_SUPPRESS_NOTIFICATIONS"] = "true";
        start.Environment["DO_NOT_TRACK"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
        }

        return process.ExitCode == 0;
    }

    private IEnumerable<string> RespectArguments(Uri server)
    {
        yield return "respect";
        yield return Path.GetFileName(Document);
        yield return "--workflow";
        yield return WorkflowId;
        yield return "--input";
        yield return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["apiToken"] = DustScript.ApiKey,
            ["wId"] = DustScript.WorkspaceId,
            ["spaceId"] = DustScript.SpaceId,
            ["aId"] = DustScript.AppId,
            ["specificationHash"] = DustScript.SpecificationHash,
            ["config"] = DustScript.Config,
            ["inputs"] = DustScript.Inputs,
        });
        yield return "--server";
        yield return "appsApi=" + server.AbsoluteUri.TrimEnd('/');

        // Dust answers "results": null while a run is running, which the description's schema does not allow:
        // Respect still checks every response against the schema, but reports a mismatch as a warning.
        yield return "--severity";
        yield return """{"SCHEMA_CHECK":"warn"}""";
    }

    private static StepOverhead Summarize(
        string runner,
        int runs,
        List<(double Wall, double Server)> shortRuns,
        List<(double Wall, double Server)> longRuns)
        => new(
            runner,
            runs,
            ShortPolls + 2,
            LongPolls + 2,
            StepOverhead.Median(shortRuns.Select(r => r.Wall)),
            StepOverhead.Median(shortRuns.Select(r => r.Wall - r.Server)),
            StepOverhead.Median(longRuns.Select(r => r.Wall)),
            StepOverhead.Median(longRuns.Select(r => r.Wall - r.Server)));
}
