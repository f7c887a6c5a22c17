using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace ArazzoGen.Tests.Reliability;

/// <summary>Runs alone: the allocation counters it reads are process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Measured alone";
}

/// <summary>
/// 10,000 polls of one workflow keep memory flat: the bytes allocated per poll do not grow with the number of polls,
/// no gen-2 collection is needed, and nothing is retained once the run ends. The server is an in-process handler,
/// so what is measured is the generated code and the runtime, not sockets.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class PollMemoryTests
{
    private readonly ITestOutputHelper _output;

    public PollMemoryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Ten_thousand_polls_allocate_the_same_per_poll_as_one_thousand_and_retain_nothing()
    {
        await Run(200); // warm-up: JIT, static caches, connection-free handler paths

        var small = await Run(1_000);
        var large = await Run(10_000);

        foreach (var (polls, run) in new[] { ("1,000", small), ("10,000", large) })
        {
            _output.WriteLine(
                $"{polls} polls: {run.BytesPerPoll:F0} B/poll, gen2 {run.Gen2}, retained {run.Retained} B");
        }
        Assert.InRange(large.BytesPerPoll, 0, small.BytesPerPoll * 1.05);
        Assert.InRange(large.Retained, long.MinValue, 256 * 1024);
        Assert.InRange(large.Gen2, 0, 1);
    }

    private static async Task<(double BytesPerPoll, int Gen2, long Retained)> Run(int polls)
    {
        using var handler = new JobHandler(polls);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var options = new ArazzoWorkflowOptions { LoopDelay = TimeSpan.Zero, StepBudget = polls + 1 };
        var workflow = new PollJobWorkflow(http, options);
        var inputs = new PollJobInputs { Id = "7" };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var result = await workflow.RunAsync(inputs);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(polls, result.StepExecutions);
        Assert.Equal(polls, handler.Requests);
        result = null;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        return ((double)allocated / polls, gen2, retained);
    }

    /// <summary>Answers "running" until the last poll, then "done".</summary>
    private sealed class JobHandler : HttpMessageHandler
    {
        private static readonly byte[] Running = Encoding.UTF8.GetBytes("""{"status":"running"}""");
        private static readonly byte[] Done = Encoding.UTF8.GetBytes("""{"status":"done"}""");
        private readonly int _polls;
        private int _requests;

        public JobHandler(int polls) => _polls = polls;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            var content = new ByteArrayContent(n < _polls ? Running : Done);
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = content,
                RequestMessage = request,
            });
        }
    }
}
