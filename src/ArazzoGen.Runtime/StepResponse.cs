using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Threading;

namespace ArazzoGen.Runtime;

/// <summary>
/// The response of one step: what criteria and outputs read through <c>$statusCode</c>, <c>$response…</c>.
/// </summary>
public sealed class StepResponse
{
    private readonly byte[] _body;

    // The headers as received, read only when an expression asks for one: most steps never do, and turning them into
    // text costs a string per parsed value (Content-Type, Content-Length) and a table per response.
    private readonly HttpResponseHeaders? _responseHeaders;
    private readonly HttpContentHeaders? _contentHeaders;
    private KeyValuePair<string, string>[]? _headers;
    private ArazzoValue? _parsedBody;
    private string? _bodyText;

    /// <summary>Creates a response from what the server sent.</summary>
    /// <exception cref="ArgumentException">Two header names differ only in case.</exception>
    public StepResponse(
        string method,
        Uri url,
        int statusCode,
        IDictionary<string,
        string> headers,
        byte[] body,
        TimeSpan? retryAfter)
        : this(method, url, statusCode, body, retryAfter)
    {
        ICollection<KeyValuePair<string, string>> unique
            = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        _headers = new KeyValuePair<string, string>[unique.Count];
        unique.CopyTo(_headers, 0);
    }

    /// <summary>
    /// A response whose headers are read from <paramref name="responseHeaders"/> and
    /// <paramref name="contentHeaders"/> when an expression first asks for one. Disposing the message leaves its
    /// headers as they were; the content headers keep the disposed content object reachable (its buffers went back
    /// at disposal) as long as the response is.
    /// </summary>
    internal StepResponse(
        string method,
        Uri url,
        int statusCode,
        HttpResponseHeaders responseHeaders,
        HttpContentHeaders contentHeaders,
        byte[] body,
        TimeSpan? retryAfter)
        : this(method, url, statusCode, body, retryAfter)
    {
        _responseHeaders = responseHeaders;
        _contentHeaders = contentHeaders;
    }

    private StepResponse(string method, Uri url, int statusCode, byte[] body, TimeSpan? retryAfter)
    {
        Method = method;
        Url = url;
        StatusCode = statusCode;
        _body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// No response at all: what a sub-workflow step reads when the workflow it ran received none (status 0,
    /// empty body).
    /// </summary>
    public static StepResponse None { get; } = new(
        string.Empty,
        new Uri("about:blank"),
        0,
        new Dictionary<string, string>(),
        Array.Empty<byte>(),
        null);

    /// <summary><c>$method</c>: the request's HTTP method.</summary>
    public string Method { get; }

    /// <summary><c>$url</c>: the URL the request went to.</summary>
    public Uri Url { get; }

    /// <summary><c>$statusCode</c>.</summary>
    public int StatusCode { get; }

    /// <summary>How long the server asked to wait (its <c>Retry-After</c> header), if it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// <c>$response.body</c>, parsed as JSON on first use whatever the media type says; a body that is not JSON is an
    /// Invalid value that names the media type, an empty body no value at all.
    /// </summary>
    public ArazzoValue Body => _parsedBody ??= ParseBody();

    /// <summary>
    /// Why the body could not serve an expression that read it: it is not JSON, or it is empty. Null when nothing
    /// read the body, or when it was read and usable.
    /// </summary>
    public string? UnusableBody => _parsedBody switch
    {
        { Kind: ArazzoValueKind.Invalid } invalid => invalid.Error,
        { Kind: ArazzoValueKind.Missing } when _body.Length == 0 => "the response body is empty",
        _ => null,
    };

    /// <summary>
    /// The body as UTF-8 text, for criteria that read it as something other than JSON (XML for an XPath criterion).
    /// </summary>
    public string BodyText => _bodyText ??= System.Text.Encoding.UTF8.GetString(_body);

    /// <summary>The body's length in bytes.</summary>
    public int BodyLength => _body.Length;

    /// <summary><c>$response.header.name</c> (names are case-insensitive).</summary>
    public ArazzoValue Header(string name)
        => HeaderText(name) is { } value ? ArazzoValue.From(value) : ArazzoValue.Missing;

    private string? HeaderText(string name)
    {
        foreach (var header in _headers ?? ReadHeaders())
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The received headers as text, once: the values as received, joined with ", " (NonValidated: no list per
    /// header). A name is in one of the two collections only; should both have it, the content's is found first.
    /// </summary>
    private KeyValuePair<string, string>[] ReadHeaders()
    {
        var response = _responseHeaders!.NonValidated;
        var content = _contentHeaders!.NonValidated;
        var headers = new KeyValuePair<string, string>[response.Count + content.Count];
        var count = 0;
        foreach (var header in content)
        {
            headers[count++] = new(header.Key, header.Value.ToString());
        }

        foreach (var header in response)
        {
            headers[count++] = new(header.Key, header.Value.ToString());
        }

        // Responses are read by one run at a time, but a result's LastResponse may be shared: whichever copy is
        // stored first is the one every reader sees.
        return Interlocked.CompareExchange(ref _headers, headers, null) ?? headers;
    }

    private ArazzoValue ParseBody()
    {
        var parsed = ArazzoValue.ParseOwnedJson(_body);
        if (parsed.Kind == ArazzoValueKind.Invalid
            && HeaderText("Content-Type") is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType is { } name
            && !name.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            && !name.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return ArazzoValue.Invalid("the body is " + name + ", not JSON");
        }

        return parsed;
    }

    /// <summary>The wait a <c>Retry-After</c> asks for; the clock is read only for a date.</summary>
    internal static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
