using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// A Kestrel server on 127.0.0.1 whose every answer a test writes itself: a status, a stalled body, a reset
/// connection. It records each request it receives, in order, and can hold a request until the test is done.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<HttpContext, int, Task> _answer;
    private readonly List<FaultRequest> _requests = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultServer(WebApplication app, Func<HttpContext, int, Task> answer)
    {
        _app = app;
        _answer = answer;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<FaultRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Completes when the first request has arrived.</summary>
    public Task FirstRequest => _arrived.Task;

    /// <summary>Completes when the test ends: an answer that awaits it never comes in time.</summary>
    public Task Released => _released.Task;

    /// <summary>Starts a server that answers request number <c>n</c> (from 0) with <paramref name="answer"/>.</summary>
    public static async Task<FaultServer> StartAsync(Func<HttpContext, int, Task> answer)
    {
        FaultServer? server = null;
        var (app, address) = await DustSimulator.LoopbackServer.StartAsync(app =>
        {
            server = new FaultServer(app, answer);
            app.Run(server.Answer);
        });
        server!.BaseAddress = address;
        return server;
    }

    /// <summary>
    /// Starts a server that never finishes an answer until the test ends: with <paramref name="bodyStart"/>, it sends
    /// the headers and that much of a JSON body first (a stalled body); without, it sends nothing at all.
    /// </summary>
    public static async Task<FaultServer> Holding(string? bodyStart = null)
    {
        FaultServer server = null!;
        server = await StartAsync(async (context, _) =>
        {
            if (bodyStart is not null)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(bodyStart);
                await context.Response.Body.FlushAsync();
            }

            await server.Released;
        });
        return server;
    }

    /// <summary>Starts a server that answers every request with the same JSON.</summary>
    public static Task<FaultServer> Always(int status, string body)
        => StartAsync((context, _) => Json(context, status, body));

    /// <summary>Writes a JSON answer, with a <c>Retry-After</c> header when one is given.</summary>
    public static Task Json(HttpContext context, int status, string body, string? retryAfter = null)
        => Text(context, status, "application/json", body, retryAfter);

    /// <summary>Writes an answer of any media type.</summary>
    public static async Task Text(
        HttpContext context,
        int status,
        string contentType,
        string body,
        string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Answer(HttpContext context)
    {
        using var reader = new System.IO.StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(new FaultRequest(context.Request.Method, target, headers, body));
        }

        _arrived.TrySetResult();
        await _answer(context, index);
    }
}

/// <summary>A request the fault server received: method, raw target (path and query as sent), headers, body.</summary>
internal sealed record FaultRequest(
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    public string Line => Method + " " + Target;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A port on 127.0.0.1 that nothing listens on: connecting to it is refused.</summary>
internal static class ClosedPort
{
    public static Uri Address()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/");
    }
}
