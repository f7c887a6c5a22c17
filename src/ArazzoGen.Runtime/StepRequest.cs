using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace ArazzoGen.Runtime;

/// <summary>
/// The HTTP request of one step, filled in by generated code from the step's parameters and request body.
/// Values are serialized by their OpenAPI style and escaped where they go: a path value stays inside its segment,
/// query and cookie values are percent-encoded, and header values that HTTP cannot carry are refused.
/// After the request is sent, it answers the step's <c>$request…</c> expressions.
/// </summary>
public sealed partial class StepRequest
{
    private static readonly List<string> NoQuery = new();

    private readonly List<PathValue> _pathValues = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();

    // The query and cookie lists are made by the first parameter of their kind: most steps have neither.
    private List<string>? _query;
    private List<string>? _cookies;
    private Dictionary<string, ArazzoValue>? _queryGiven;
    private RequestBody? _body;
    private byte[]? _encodedBody;

    // The absolute URI once built, and the base address it was built against; a path or query parameter added later
    // clears it.
    private Uri? _uri;
    private Uri? _uriBase;

    /// <summary>Starts the request of a step.</summary>
    /// <param name="stepId">The step's id, for logs and failures.</param>
    /// <param name="sourceName">The source description whose base address the request uses.</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="pathTemplate">The OpenAPI path, such as <c>/runs/{runId}</c>.</param>
    /// <param name="defaultServer">
    /// The OpenAPI document's first server, used when no base address is configured.
    /// </param>
    public StepRequest(string stepId, string sourceName, string method, string pathTemplate, string? defaultServer)
    {
        StepId = stepId;
        SourceName = sourceName;
        Method = method;
        PathTemplate = pathTemplate;
        DefaultServer = defaultServer;
    }

    /// <summary>The step this request belongs to.</summary>
    public string StepId { get; }

    /// <summary>The source description the operation comes from.</summary>
    public string SourceName { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The OpenAPI path template.</summary>
    public string PathTemplate { get; }

    /// <summary>The first server of the OpenAPI document, if it has one.</summary>
    public string? DefaultServer { get; }

    /// <summary>
    /// Sets a path parameter, serialized by <paramref name="style"/> (simple, label or matrix) and percent-encoded,
    /// so it stays inside its segment.
    /// </summary>
    public void AddPathParameter(
        string name,
        ArazzoValue value,
        ParameterStyle style = ParameterStyle.Simple,
        bool explode = false)
    {
        var expansion = ParameterSerializer.Path(name, value, style, explode);
        if (expansion is null || value.Kind == ArazzoValueKind.Null)
        {
            throw Invalid($"path parameter '{name}' has no value");
        }

        if (expansion.Length == 0)
        {
            throw Invalid($"path parameter '{name}' is empty, which would change the path");
        }

        _pathValues.Add(new(name, expansion, value));
        _uri = null;
    }

    /// <summary>Sets a path parameter from text (simple style).</summary>
    public void AddPathParameter(string name, string value) => AddPathParameter(name, ArazzoValue.From(value));

    /// <summary>
    /// Adds a query parameter serialized by <paramref name="style"/> (form, spaceDelimited, pipeDelimited or
    /// deepObject); a missing value is not sent. <paramref name="allowReserved"/> lets reserved characters through.
    /// </summary>
    public void AddQueryParameter(
        string name,
        ArazzoValue value,
        ParameterStyle style = ParameterStyle.Form,
        bool explode = true,
        bool allowReserved = false)
    {
        if (ParameterSerializer.Query(name, value, style, explode, allowReserved) is { } pairs)
        {
            (_queryGiven ??= new(StringComparer.Ordinal))[name] = value;
            (_query ??= new()).Add(pairs);
            _uri = null;
        }
    }

    /// <summary>Adds a query parameter from text.</summary>
    public void AddQueryParameter(string name, string value) => AddQueryParameter(name, ArazzoValue.From(value));

    /// <summary>
    /// Adds a header (simple style: arrays and objects comma-separated); a missing value is not sent. A value with a
    /// control character (CR, LF, NUL…) or outside ASCII is refused.
    /// </summary>
    public void AddHeader(string name, ArazzoValue value, bool explode = false)
    {
        if (ParameterSerializer.Header(value, explode) is { } text)
        {
            AddHeader(name, text);
        }
    }

    /// <summary>Adds a header from text; a value with a control character or outside ASCII is refused.</summary>
    public void AddHeader(string name, string value)
    {
        if (!IsToken(name))
        {
            throw Invalid($"header name '{Printable(name)}' is not an HTTP token");
        }

        foreach (var c in value)
        {
            if (c is < ' ' and not '\t' or '\u007f')
            {
                throw Invalid($"header '{name}' contains a control character (CR, LF or another)");
            }

            if (c > '\u007f')
            {
                throw Invalid($"header '{name}' contains a character outside ASCII, which HTTP headers cannot carry "
                              + "as text; encode it (base64, say) before it reaches the header");
            }
        }

        _headers.Add(new(name, value));
    }

    /// <summary>
    /// Adds a cookie to the <c>Cookie</c> header: form style percent-encodes, the OpenAPI 3.2 cookie style sends the
    /// value as it is (and refuses what a cookie cannot hold). A missing value is not sent.
    /// </summary>
    public void AddCookie(
        string name,
        ArazzoValue value,
        ParameterStyle style = ParameterStyle.Form,
        bool explode = true)
    {
        string? pairs;
        try
        {
            pairs = ParameterSerializer.Cookie(name, value, style, explode);
        }
        catch (FormatException ex)
        {
            throw Invalid($"cookie '{Printable(name)}': {ex.Message}");
        }

        if (pairs is not null)
        {
            (_cookies ??= new()).Add(pairs);
        }
    }

    /// <summary>Adds a cookie from text.</summary>
    public void AddCookie(string name, string value) => AddCookie(name, ArazzoValue.From(value));

    /// <summary>The path and query, escaped, such as <c>/runs/abc?x=1</c>.</summary>
    /// <exception cref="WorkflowFailureException">A value would make a <c>.</c> or <c>..</c> segment.</exception>
    public string BuildRelativeUri() => BuildUri(string.Empty, 0);

    /// <summary>
    /// The first <paramref name="rootLength"/> characters of <paramref name="root"/>, then the path and query, as one
    /// string of the exact length: measured first, then written, so no builder grows and is copied.
    /// </summary>
    private string BuildUri(string root, int rootLength)
    {
        var length = rootLength;
        for (var i = 0; i < PathTemplate.Length; i++)
        {
            var close = PathTemplate[i] == '{' ? PathTemplate.IndexOf('}', i + 1) : -1;
            var value = close > 0 ? Expansion(PathTemplate, i + 1, close - i - 1) : null;
            if (value is null)
            {
                length++;
                continue;
            }

            length += value.Length;
            i = close;
        }

        var pathEnd = length;
        foreach (var pairs in _query ?? NoQuery)
        {
            length += 1 + pairs.Length;
        }

        var uri = string.Create(length, (Request: this, Root: root, RootLength: rootLength), static (text, state) =>
        {
            state.Root.AsSpan(0, state.RootLength).CopyTo(text);
            state.Request.WriteRelativeUri(text.Slice(state.RootLength));
        });
        RefuseDotSegments(uri.AsSpan(rootLength, pathEnd - rootLength));
        return uri;
    }

    /// <summary>Writes the path and query into <paramref name="text"/>, which has their exact length.</summary>
    private void WriteRelativeUri(Span<char> text)
    {
        // One pass over the template: each {name} with a value is replaced by it, any other text is kept.
        var at = 0;
        for (var i = 0; i < PathTemplate.Length; i++)
        {
            var close = PathTemplate[i] == '{' ? PathTemplate.IndexOf('}', i + 1) : -1;
            var value = close > 0 ? Expansion(PathTemplate, i + 1, close - i - 1) : null;
            if (value is null)
            {
                text[at++] = PathTemplate[i];
                continue;
            }

            value.AsSpan().CopyTo(text.Slice(at));
            at += value.Length;
            i = close;
        }

        var separator = '?';
        foreach (var pairs in _query ?? NoQuery)
        {
            text[at++] = separator;
            pairs.AsSpan().CopyTo(text.Slice(at));
            at += pairs.Length;
            separator = '&';
        }
    }

    /// <summary>
    /// "." and ".." cannot be escaped: URI libraries (System.Uri among them) decode %2E and remove the segment, which
    /// would send the request to another path. Such a value is refused.
    /// </summary>
    private void RefuseDotSegments(ReadOnlySpan<char> path)
    {
        while (true)
        {
            var slash = path.IndexOf('/');
            var segment = slash < 0 ? path : path.Slice(0, slash);
            if (segment is "." or "..")
            {
                throw Invalid(
                    $"a path parameter makes the segment '{segment.ToString()}', which would change the path");
            }

            if (slash < 0)
            {
                return;
            }

            path = path.Slice(slash + 1);
        }
    }

    /// <summary>The absolute URI of this request against <paramref name="baseAddress"/>, built once.</summary>
    private Uri RequestUri(Uri baseAddress, StepRequest? previous)
    {
        if (_uri is not null && ReferenceEquals(_uriBase, baseAddress))
        {
            return _uri;
        }

        if (previous is { _uri: { } same } && ReferenceEquals(previous._uriBase, baseAddress) && SameTarget(previous))
        {
            _uri = same;
        }
        else
        {
            var root = baseAddress.AbsoluteUri;
            var rootLength = root.Length;
            while (rootLength > 0 && root[rootLength - 1] == '/')
            {
                rootLength--;
            }

            _uri = new Uri(BuildUri(root, rootLength), UriKind.Absolute);
        }

        _uriBase = baseAddress;
        return _uri;
    }

    /// <summary>
    /// Whether <paramref name="other"/> makes the same path and query: the same template, the same path parameters in
    /// the same order with the same expansions, the same query pairs.
    /// </summary>
    private bool SameTarget(StepRequest other)
    {
        if (!string.Equals(PathTemplate, other.PathTemplate, StringComparison.Ordinal)
            || _pathValues.Count != other._pathValues.Count
            || (_query?.Count ?? 0) != (other._query?.Count ?? 0))
        {
            return false;
        }

        for (var i = 0; i < _pathValues.Count; i++)
        {
            if (!string.Equals(_pathValues[i].Name, other._pathValues[i].Name, StringComparison.Ordinal)
                || !string.Equals(_pathValues[i].Expansion, other._pathValues[i].Expansion, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < (_query?.Count ?? 0); i++)
        {
            if (!string.Equals(_query![i], other._query![i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The expansion of the first path parameter named by the template's text at start, length.</summary>
    private string? Expansion(string template, int start, int length)
    {
        foreach (var given in _pathValues)
        {
            if (given.Name.Length == length && string.CompareOrdinal(given.Name, 0, template, start, length) == 0)
            {
                return given.Expansion;
            }
        }

        return null;
    }

    /// <summary>A path parameter: its name, its serialized and encoded text, and the value it was given.</summary>
    private readonly record struct PathValue(string Name, string Expansion, ArazzoValue Value);

    /// <summary>Builds the message to send against <paramref name="baseAddress"/>.</summary>
    /// <exception cref="WorkflowFailureException">The request cannot be built from the values at hand.</exception>
    public HttpRequestMessage ToHttpRequestMessage(Uri baseAddress) => ToHttpRequestMessage(baseAddress, null);

    /// <summary>
    /// Builds the message to send against <paramref name="baseAddress"/>, with the URI of
    /// <paramref name="previous"/> (the run's request before this one) when it was built against the same base address
    /// from the same template and values: a poll sends the same URI each time, and a <see cref="Uri"/> is immutable.
    /// </summary>
    /// <exception cref="WorkflowFailureException">The request cannot be built from the values at hand.</exception>
    internal HttpRequestMessage ToHttpRequestMessage(Uri baseAddress, StepRequest? previous)
    {
        var body = EncodeBody();
        var uri = RequestUri(baseAddress, previous);
        if (body is null && _headers.Exists(h => IsContentHeader(h.Key)))
        {
            throw Invalid("a Content-* header cannot be sent on a request without a body");
        }

        var message = new HttpRequestMessage(HttpMethodOf(Method), uri);
        try
        {
            foreach (var header in _headers)
            {
                if (!IsContentHeader(header.Key) && !message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    throw Invalid($"header '{header.Key}' cannot be sent on this request");
                }
            }

            if (CookieHeader() is { } cookie)
            {
                message.Headers.Remove("Cookie");
                message.Headers.TryAddWithoutValidation("Cookie", cookie);
            }

            message.Content = body is null ? null : Content(body);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private ByteArrayContent Content(byte[] body)
    {
        if (!MediaTypeHeaderValue.TryParse(_body!.ContentType, out var contentType))
        {
            throw Invalid($"'{_body.ContentType}' is not a media type");
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        foreach (var header in _headers)
        {
            // The body's media type is the step's contentType; a Content-Type parameter does not override it.
            if (IsContentHeader(header.Key)
                && !string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return content;
    }

    /// <summary>The cookies, after any <c>Cookie</c> header the step set itself.</summary>
    private string? CookieHeader()
    {
        if (_cookies is null)
        {
            return null;
        }

        var given = _headers.FindAll(h => string.Equals(h.Key, "Cookie", StringComparison.OrdinalIgnoreCase))
            .ConvertAll(h => h.Value);
        given.AddRange(_cookies);
        return string.Join("; ", given);
    }

    /// <summary>The shared instance for the methods HttpClient knows, a new one for any other.</summary>
    private static HttpMethod HttpMethodOf(string method) => method switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        "PATCH" => HttpMethod.Patch,
        "HEAD" => HttpMethod.Head,
        "OPTIONS" => HttpMethod.Options,
        "TRACE" => HttpMethod.Trace,
        _ => new HttpMethod(method),
    };

    private static bool IsContentHeader(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 9110 token: the characters a header name may have.</summary>
    private static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
                && "!#$%&'*+-.^_`|~".IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name for a message: control characters (which could forge log lines) become '?'.</summary>
    private static string Printable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.IsControl(chars[i]) ? '?' : chars[i];
        }

        return new string(chars);
    }

    private WorkflowFailureException Invalid(string message)
        => new(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, StepId, null, null, message));
}
