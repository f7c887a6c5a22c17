using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ArazzoGen.Benchmarks.Dust;

/// <summary>
/// Answers from a <see cref="DustScript"/> without sockets. It reads each request body to the end, as a server
/// would, so that a client which writes its body lazily pays for it as one that writes it eagerly does.
/// </summary>
public sealed class InProcessDustHandler : HttpMessageHandler
{
    private readonly DustScript _script;

    public InProcessDustHandler(DustScript script) => _script = script;

    /// <summary>How many requests were answered; the benchmarks check both clients make the same number.</summary>
    public int Requests { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        Requests++;
        var authorization = request.Headers.Authorization?.ToString();
        var (status, body) = _script.Answer(request.Method.Method, request.RequestUri!.AbsolutePath, authorization);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content, RequestMessage = request };
    }
}
