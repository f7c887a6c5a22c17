using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// Lets requests reach only the example server. Corpus documents name public servers; should a generated workflow
/// ever fall back to one (a source without a base address), the request is refused here and never leaves the
/// machine, and the test sees the refusal.
/// </summary>
internal sealed class LoopbackOnlyHandler : DelegatingHandler
{
    private readonly Uri _allowed;
    private readonly ConcurrentQueue<string> _refused = new();

    public LoopbackOnlyHandler(Uri allowed)
        : base(new SocketsHttpHandler())
        => _allowed = allowed;

    /// <summary>Every request that was refused, as method and address.</summary>
    public IReadOnlyCollection<string> Refused => _refused.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || uri.Scheme != _allowed.Scheme || uri.Host != _allowed.Host || uri.Port != _allowed.Port)
        {
            _refused.Enqueue(request.Method + " " + uri);
            throw new HttpRequestException("the corpus tests only talk to the local example server, not to " + uri);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
