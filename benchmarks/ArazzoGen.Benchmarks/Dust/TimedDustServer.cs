using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using DustSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArazzoGen.Benchmarks.Dust;

/// <summary>
/// A <see cref="DustScript"/> served by Kestrel on 127.0.0.1 (and nowhere else), which measures its own time: from
/// the moment its handler sees a request to the moment the response body is written.
/// </summary>
public sealed class TimedDustServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _serverTicks;
    private int _requests;

    private TimedDustServer(WebApplication app, Uri address, DustScript script)
    {
        _app = app;
        BaseAddress = address;
        Script = script;
    }

    public Uri BaseAddress { get; }

    public DustScript Script { get; }

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The server's own time so far.</summary>
    public TimeSpan ServerTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _serverTicks));

    public static async Task<TimedDustServer> StartAsync(int pollsBeforeDone)
    {
        var script = new DustScript(pollsBeforeDone);
        TimedDustServer? server = null;
        var (app, address) = await LoopbackServer.StartAsync(app => app.Run(context => server!.Answer(context)))
            .ConfigureAwait(false);
        server = new TimedDustServer(app, address, script);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task Answer(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        await context.Request.Body.CopyToAsync(System.IO.Stream.Null).ConfigureAwait(false);
        var (status, body) = Script.Answer(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.ToString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        Interlocked.Add(ref _serverTicks, Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref _requests);
    }
}
