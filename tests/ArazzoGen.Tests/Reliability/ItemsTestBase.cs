using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// What the tests of the faults fixture (<c>TestData/reliability/faults.arazzo.yaml</c>) share: a client without
/// automatic redirects, fake time, options that point the <c>items</c> source at a test server, a watchdog on every
/// run, and the workflows they run most.
/// </summary>
public abstract class ItemsTestBase : IDisposable
{
    /// <summary>A run that has not ended by then fails its test instead of hanging the suite.</summary>
    protected static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    protected HttpClient Client { get; } = ArazzoHttp.CreateClient();

    private protected AutoAdvancingTimeProvider Time { get; } = new();

    public void Dispose()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
    }

    protected ArazzoWorkflowOptions Options(Uri baseAddress, Action<ArazzoWorkflowOptions>? configure = null)
    {
        var options = new ArazzoWorkflowOptions { TimeProvider = Time };
        options.BaseAddresses["items"] = baseAddress;
        configure?.Invoke(options);
        return options;
    }

    protected Task<WorkflowResult<FetchOnceOutputs>> FetchOnce(
        Uri baseAddress,
        Action<ArazzoWorkflowOptions>? configure = null,
        string id = "1",
        CancellationToken cancellationToken = default)
        => new FetchOnceWorkflow(Client, Options(baseAddress, configure))
            .RunAsync(new FetchOnceInputs { Id = id }, cancellationToken)
            .WaitAsync(Watchdog);

    protected Task<WorkflowResult<FetchWithRetryOutputs>> FetchWithRetry(Uri baseAddress)
        => new FetchWithRetryWorkflow(Client, Options(baseAddress))
            .RunAsync(new FetchWithRetryInputs { Id = "1" })
            .WaitAsync(Watchdog);

    protected Task<WorkflowResult<PollJobOutputs>> PollJob(
        Uri baseAddress,
        Action<ArazzoWorkflowOptions>? configure = null,
        CancellationToken cancellationToken = default)
        => new PollJobWorkflow(Client, Options(baseAddress, configure))
            .RunAsync(new PollJobInputs { Id = "7" }, cancellationToken)
            .WaitAsync(Watchdog);

    /// <summary>Asserts that the run failed with <paramref name="kind"/>, and returns the failure.</summary>
    protected static WorkflowFailure Failed<T>(WorkflowResult<T> result, WorkflowFailureKind kind)
        where T : class
    {
        Assert.False(result.Succeeded, "expected a failure, got " + result);
        Assert.Equal(kind, result.Failure!.Kind);
        return result.Failure;
    }
}
