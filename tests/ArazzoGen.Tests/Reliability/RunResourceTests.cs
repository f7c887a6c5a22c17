using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// What a run holds is let go when it ends, on every path: each HTTP response is disposed, and many runs of one
/// workflow instance retain no more than a few. The server is an in-process handler, so what is measured is the
/// generated code and the runtime.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RunResourceTests
{
    private readonly ITestOutputHelper _output;

    public RunResourceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Paths() => new()
    {
        "success", "retries then success", "retries exhausted", "same-origin redirect", "cross-origin redirect",
        "redirect loop", "body over the limit", "body not json", "cancelled in flight", "run timeout in a retry",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_a_run_receives_is_disposed_whatever_the_path(string path)
    {
        using var cancel = new CancellationTokenSource();
        var handler = new ScriptedHandler(n => path switch
        {
            "success" => Json(200, """{"id":"1","status":"ok"}"""),
            "retries then success" => n < 2 ? Json(503, "{}") : Json(200, """{"id":"1","status":"ok"}"""),
            "retries exhausted" => Json(503, "{}"),
            "same-origin redirect" => n == 0 ? Redirect("/items/2") : Json(200, """{"id":"2","status":"ok"}"""),
            "cross-origin redirect" => Redirect("http://127.0.0.2:9/items/1"),
            "redirect loop" => Redirect("/items/1"),
            "body over the limit" => Json(200, """{"id":"1","status":""" + "\"" + new string('x', 4096) + "\"}"),
            "body not json" => Json(200, "not json"),
            "cancelled in flight" => Cancel(cancel),
            _ => Json(503, "{}"),
        });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        // Retry delays (2 s) pass by themselves; the run's timeout (3 s) only as they pass, in the second delay.
        var time = new AutoAdvancingTimeProvider { AdvanceBelow = TimeSpan.FromSeconds(3) };
        var options = new ArazzoWorkflowOptions { TimeProvider = time, MaxResponseBytes = 1024 };
        if (path == "run timeout in a retry")
        {
            options.Timeout = TimeSpan.FromSeconds(3);
        }

        var run = new FetchWithRetryWorkflow(http, options).RunAsync(
            new FetchWithRetryInputs { Id = "1" }, cancel.Token);
        try
        {
            var result = await run;
            _output.WriteLine(result.ToString());
            Assert.Equal(path == "run timeout in a retry", result.Failure?.Kind == WorkflowFailureKind.Timeout);
        }
        catch (OperationCanceledException) when (path == "cancelled in flight")
        {
            // Expected.
        }

        Assert.Equal(path == "cancelled in flight", handler.Sent == 0);
        Assert.Equal(handler.Sent, handler.Disposed);
    }

    [Fact]
    public async Task Twenty_thousand_runs_of_one_workflow_cost_the_same_per_run_and_retain_no_run()
    {
        var handler = new ScriptedHandler(n => n % 3 == 2
            ? Json(200, """{"id":"1","status":"ok"}""")
            : Json(503, "{}"));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var options = new ArazzoWorkflowOptions { TimeProvider = new InstantDelays() };
        var workflow = new FetchWithRetryWorkflow(http, options);
        var inputs = new FetchWithRetryInputs { Id = "1" };

        await Runs(workflow, inputs, 200); // warm-up
        var small = await Runs(workflow, inputs, 500);
        var large = await Runs(workflow, inputs, 20_000);

        _output.WriteLine($"500 runs: {small.BytesPerRun:F0} B/run, retained {small.Retained} B");
        _output.WriteLine($"20,000 runs: {large.BytesPerRun:F0} B/run, retained {large.Retained} B");
        Assert.InRange(large.BytesPerRun, 0, small.BytesPerRun * 1.05);

        // A run that stayed reachable (its WorkflowRun, a response, a body) costs hundreds of bytes: 20,000 of them
        // would be megabytes. What remains is noise and one-time growth (measured between -6 KB and 300 KB, for
        // 20,000 runs as for 80,000).
        Assert.InRange(large.Retained, long.MinValue, 512 * 1024);
        Assert.Equal(handler.Sent, handler.Disposed);
    }

    private static async Task<(double BytesPerRun, long Retained)> Runs(
        FetchWithRetryWorkflow workflow,
        FetchWithRetryInputs inputs,
        int runs)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var result = await workflow.RunAsync(inputs);
            Assert.True(result.Succeeded, result.ToString());
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        return ((double)allocated / runs, retained);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Json(int status, string body) => _ =>
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
    };

    private static Func<HttpRequestMessage, HttpResponseMessage> Redirect(string location) => _ =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("Location", location);
        return response;
    };

    private static Func<HttpRequestMessage, HttpResponseMessage> Cancel(CancellationTokenSource cancel) => _ =>
    {
        cancel.Cancel();
        throw new OperationCanceledException(cancel.Token);
    };

    /// <summary>Answers request <c>n</c> by its script and counts the responses it made and those disposed.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Func<int, Func<HttpRequestMessage, HttpResponseMessage>> _script;
        private int _requests;
        private int _sent;
        private int _disposed;

        public ScriptedHandler(Func<int, Func<HttpRequestMessage, HttpResponseMessage>> script) => _script = script;

        public int Sent => Volatile.Read(ref _sent);

        public int Disposed => Volatile.Read(ref _disposed);

        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests) - 1;
            var response = _script(n)(request);
            response.RequestMessage = request;
            response.Content = new Counted(response.Content, () => Interlocked.Increment(ref _disposed));
            Interlocked.Increment(ref _sent);
            return Task.FromResult(response);
        }
    }

    /// <summary>
    /// A clock whose short waits (retry delays) end at once and whose long ones (request timeouts) never do, and that
    /// keeps no record of them: the fake clock of the other tests remembers every wait, which would be measured.
    /// </summary>
    private sealed class InstantDelays : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(30))
            {
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>Content that reports its disposal.</summary>
    private sealed class Counted : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _disposed;
        private bool _done;

        public Counted(HttpContent inner, Action disposed)
        {
            _inner = inner;
            _disposed = disposed;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context)
            => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                _done = true;
                _inner.Dispose();
                _disposed();
            }

            base.Dispose(disposing);
        }
    }
}
