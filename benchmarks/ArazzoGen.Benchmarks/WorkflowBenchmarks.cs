using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Benchmarks.Dust;
using ArazzoGen.Runtime;
using BenchmarkDotNet.Attributes;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Benchmark 5: one run of the Dust workflow (a create and four polls) by the generated code and by the hand-written
/// client, each over its own <see cref="HttpClient"/> on the same in-process handler, with no loop delay.
/// </summary>
[MemoryDiagnoser]
public class WorkflowBenchmarks
{
    /// <summary>Three polls answer running, the fourth succeeded: five requests per run.</summary>
    public const int PollsBeforeDone = 3;

    private static readonly Uri Base = new("http://dust.invalid/");

    private HttpClient _handWrittenHttp = null!;
    private HttpClient _generatedHttp = null!;
    private HandWrittenDustClient _handWritten = null!;
    private RunAppAndPollWorkflow _generated = null!;
    private DustRunRequest _request = null!;
    private RunAppAndPollInputs _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handWrittenHttp = Client();
        _generatedHttp = Client();
        _handWritten = new HandWrittenDustClient(_handWrittenHttp, TimeSpan.Zero);
        var options = new ArazzoWorkflowOptions { LoopDelay = TimeSpan.Zero };
        options.BaseAddresses["appsApi"] = Base;
        _generated = new RunAppAndPollWorkflow(_generatedHttp, options);
        _request = new DustRunRequest(DustScript.ApiKey, DustScript.WorkspaceId, DustScript.SpaceId, DustScript.AppId,
            DustScript.SpecificationHash, DustScript.Config, DustScript.Inputs);
        _inputs = new RunAppAndPollInputs
        {
            ApiToken = DustScript.ApiKey,
            WId = DustScript.WorkspaceId,
            SpaceId = DustScript.SpaceId,
            AId = DustScript.AppId,
            SpecificationHash = DustScript.SpecificationHash,
            Config = DustScript.Config,
            Inputs = DustScript.Inputs,
        };
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handWrittenHttp.Dispose();
        _generatedHttp.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<DustRunOutcome> Hand_written() => _handWritten.RunAndPollAsync(_request, CancellationToken.None);

    [Benchmark]
    public Task<WorkflowResult<RunAppAndPollOutputs>> Generated() => _generated.RunAsync(_inputs);

    private static HttpClient Client()
        => new(new InProcessDustHandler(new DustScript(PollsBeforeDone))) { BaseAddress = Base };

    /// <summary>
    /// Both clients must do the same work and reach the same outcome, or the comparison means nothing.
    /// </summary>
    private void Verify()
    {
        var hand = Hand_written().GetAwaiter().GetResult();
        var generated = Generated().GetAwaiter().GetResult();
        if (!generated.Succeeded || hand.Error is not null || hand.RunId != generated.Outputs!.RunId
            || hand.RunStatus != "succeeded" || generated.Outputs.RunStatus != "succeeded"
            || hand.Results?.GetRawText() != generated.Outputs.Results?.GetRawText())
        {
            throw new InvalidOperationException($"the clients disagree: {hand} / {generated}");
        }
    }
}
