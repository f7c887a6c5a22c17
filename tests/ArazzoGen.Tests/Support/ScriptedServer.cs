using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArazzoGen.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers each request with the next scripted response, in order.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly WebApplication _app;
    private readonly (int Status, string Body, string? RetryAfter)[] _script;
    private int _next = -1;

    private ScriptedServer(WebApplication app, (int, string, string?)[] script)
    {
        _app = app;
        _script = script;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int RequestCount => _next + 1;

    /// <summary>What each request asked for, in order.</summary>
    public System.Collections.Generic.List<ScriptedRequest> Requests { get; } = new();

    public static async Task<ScriptedServer> StartAsync(params (int Status, string Body, string? RetryAfter)[] script)
    {
        ScriptedServer? server = null;
        var (app, address) = await DustSimulator.LoopbackServer.StartAsync(app =>
        {
            server = new ScriptedServer(app, script);
            app.Run(server.Answer);
        });
        server!.BaseAddress = address;
        return server;
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    private async Task Answer(HttpContext context)
    {
        using var reader = new System.IO.StreamReader(context.Request.Body);
        var requestBody = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        lock (Requests)
        {
            Requests.Add(new ScriptedRequest(context.Request.Method + " " + target, headers, requestBody));
        }

        var index = Math.Min(Interlocked.Increment(ref _next), _script.Length - 1);
        var (status, body, retryAfter) = _script[index];
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(body);
    }
}

/// <summary>A request the scripted server received.</summary>
internal sealed record ScriptedRequest(
    string Target,
    System.Collections.Generic.Dictionary<string, string> Headers,
    string Body);
