using System;
using System.Collections.Generic;
using System.Net.Http.Headers;

namespace ArazzoGen.Runtime;

/// <summary>
/// The response of one step: what criteria and outputs read through <c>$statusCode</c>, <c>$response…</c>.
/// </summary>
public sealed class StepResponse
{
    private readonly byte[] _body;
    private readonly Dictionary<string, string> _headers;
    private ArazzoValue? _parsedBody;
    private string? _bodyText;

    /// <summary>Creates a response from what the server sent.</summary>
    public StepResponse(
        string method,
        Uri url,
        int statusCode,
        IDictionary<string,
        string> headers,
        byte[] body,
        TimeSpan? retryAfter)
        : this(method, url, statusCode, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase),
            body, retryAfter)
    {
    }

    /// <summary>A response that takes <paramref name="headers"/> as they are (case-insensitive keys).</summary>
    internal StepResponse(
        string method,
        Uri url,
        int statusCode,
        Dictionary<string, string> headers,
        byte[] body,
        TimeSpan? retryAfter)
    {
        Method = method;
        Url = url;
        StatusCode = statusCode;
        _headers = headers;
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
        => _headers.TryGetValue(name, out var value) ? ArazzoValue.From(value) : ArazzoValue.Missing;

    private ArazzoValue ParseBody()
    {
        var parsed = ArazzoValue.ParseJson(_body);
        if (parsed.Kind == ArazzoValueKind.Invalid
            && _headers.TryGetValue("Content-Type", out var contentType)
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType is { } name
            && !name.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            && !name.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return ArazzoValue.Invalid("the body is " + name + ", not JSON");
        }

        return parsed;
    }

    internal static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
