using System;
using System.Net.Http;
using System.Threading;

namespace ArazzoGen.Runtime;

/// <summary>
/// HTTP clients made for generated workflows: no automatic redirects (the run decides, by
/// <see cref="ArazzoWorkflowOptions.Redirects"/>, and never carries credentials to another origin), no client-wide
/// timeout (<see cref="ArazzoWorkflowOptions.RequestTimeout"/> applies per request), and pooled connections that are
/// renewed, so DNS changes are seen.
/// </summary>
public static class ArazzoHttp
{
    /// <summary>The primary handler for workflow clients, also for <c>IHttpClientFactory</c> registrations.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>A client over <see cref="CreateHandler"/>; dispose it when done.</summary>
    /// <param name="baseAddress">
    /// Used by sources that <see cref="ArazzoWorkflowOptions.BaseAddresses"/> does not name.
    /// </param>
    public static HttpClient CreateClient(Uri? baseAddress = null) => new(CreateHandler(), disposeHandler: true)
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
