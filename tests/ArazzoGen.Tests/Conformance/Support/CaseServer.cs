using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// A Kestrel server on 127.0.0.1 that plays a case's script: the n-th request gets the n-th scripted response.
/// It records every request as it arrived, for the trace comparison.
/// </summary>
public sealed class CaseServer : IAsyncDisposable
{
    /// <summary>The status sent for a request after the script ran out (when the case does not repeat).</summary>
    public const int Unscripted = 599;

    private readonly WebApplication _app;
    private readonly IReadOnlyList<ScriptedResponse> _script;
    private readonly bool _repeatLast;
    private readonly RequestLog _log = new();
    private int _next = -1;

    private CaseServer(WebApplication app, IReadOnlyList<ScriptedResponse> script, bool repeatLast)
    {
        _app = app;
        _script = script;
        _repeatLast = repeatLast;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What each request asked for, in the order it arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Requests;

    public static async Task<CaseServer> StartAsync(
        IReadOnlyList<ScriptedResponse> script,
        bool repeatLast,
        CancellationToken cancellationToken = default)
    {
        CaseServer? server = null;
        var (app, address) = await DustSimulator.LoopbackServer.StartAsync(
            app =>
            {
                server = new CaseServer(app, script, repeatLast);
                app.Run(server.AnswerAsync);
            },
            cancellationToken).ConfigureAwait(false);
        server!.BaseAddress = address;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        await _log.RecordAsync(context).ConfigureAwait(false);
        var index = Interlocked.Increment(ref _next);
        if (index >= _script.Count && !_repeatLast)
        {
            context.Response.StatusCode = Unscripted;
            await context.Response.WriteAsync("the case's script has no response for this request")
                .ConfigureAwait(false);
            return;
        }

        await WriteAsync(context.Response, _script[Math.Min(index, _script.Count - 1)]).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpResponse response, ScriptedResponse scripted)
    {
        response.StatusCode = scripted.Status;
        foreach (var header in scripted.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        if (scripted.BodyText is { } text)
        {
            response.ContentType = scripted.ContentType ?? "text/plain";
            await response.WriteAsync(text).ConfigureAwait(false);
        }
        else if (scripted.Body is { } json)
        {
            response.ContentType = scripted.ContentType ?? "application/json";
            await response.WriteAsync(json.GetRawText()).ConfigureAwait(false);
        }
    }
}

/// <summary>A request the case server received: method, raw target, headers and body text.</summary>
public sealed record RecordedRequest(
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>A one-line description for failure messages.</summary>
    public override string ToString()
        => Method + " " + Target + (Body.Length == 0 ? string.Empty : " body " + Body)
           + " headers " + string.Join(", ", Headers.Select(h => h.Key + ": " + h.Value));
}
