using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Tests.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers like OpenAPI documents' examples. Each document is served under its
/// own path prefix (the source description's name), so that two documents with the same path stay apart. A request
/// is matched to an operation by method and path template; every request is recorded as it arrived.
/// </summary>
internal sealed class ExampleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<ExampleApi> _apis;
    private readonly RequestLog _log = new();

    private ExampleServer(WebApplication app, IReadOnlyList<ExampleApi> apis)
    {
        _app = app;
        _apis = apis;
    }

    /// <summary>The server's root address, with a trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What each request asked for, in the order it arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Requests;

    public static async Task<ExampleServer> StartAsync(
        IReadOnlyList<ExampleApi> apis,
        CancellationToken cancellationToken = default)
    {
        ExampleServer? server = null;
        var (app, address) = await DustSimulator.LoopbackServer.StartAsync(
            app =>
            {
                server = new ExampleServer(app, apis);
                app.Run(server.AnswerAsync);
            },
            cancellationToken).ConfigureAwait(false);
        server!.BaseAddress = address;
        return server;
    }

    /// <summary>The address a source served under <paramref name="prefix"/> gets as its base address.</summary>
    public Uri AddressOf(string prefix) => new(BaseAddress, prefix.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = await _log.RecordAsync(context).ConfigureAwait(false);
        await WriteAsync(context.Response, Answer(request.Method, request.Target.Split('?')[0])).ConfigureAwait(false);
    }

    private ExampleAnswer Answer(string method, string path)
    {
        var api = _apis.FirstOrDefault(a => path.StartsWith(a.Prefix + "/", StringComparison.Ordinal));
        return api is null
            ? ExampleAnswer.Problem(404, $"no document is served under {path}")
            : api.Answer(method, path.Substring(api.Prefix.Length));
    }

    private static async Task WriteAsync(HttpResponse response, ExampleAnswer answer)
    {
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        if (answer.Body is { } text)
        {
            response.ContentType = answer.ContentType ?? "application/json";
            await response.WriteAsync(text).ConfigureAwait(false);
        }
    }
}
