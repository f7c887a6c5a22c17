using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>
/// The HTTP request of one step, filled in by generated code from the step's parameters and request body.
/// Values are escaped where they go: a path value stays inside its one segment, query values are encoded,
/// and header values with line breaks are refused.
/// </summary>
public sealed class StepRequest
{
    private readonly List<KeyValuePair<string, string>> _pathValues = new();
    private readonly List<KeyValuePair<string, string>> _query = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();
    private readonly List<KeyValuePair<string, string>> _cookies = new();
    private byte[]? _body;
    private string? _contentType;

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

    /// <summary>Sets a path parameter: the value becomes exactly one escaped segment.</summary>
    public void AddPathParameter(string name, ArazzoValue value)
    {
        if (value.IsMissing || value.Kind == ArazzoValueKind.Null)
        {
            throw Invalid($"path parameter '{name}' has no value");
        }

        _pathValues.Add(new(name, EscapeSegment(value.ToText())));
    }

    /// <summary>Sets a path parameter from text.</summary>
    public void AddPathParameter(string name, string value) => AddPathParameter(name, ArazzoValue.From(value));

    /// <summary>Adds a query parameter (form style, exploded); a missing value is not sent.</summary>
    public void AddQueryParameter(string name, ArazzoValue value)
    {
        if (value.IsMissing)
        {
            return;
        }

        if (value.Kind == ArazzoValueKind.Structure && value.AsJson() is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                _query.Add(new(name, ArazzoValue.From(item).ToText()));
            }

            return;
        }

        _query.Add(new(name, value.ToText()));
    }

    /// <summary>Adds a query parameter from text.</summary>
    public void AddQueryParameter(string name, string value) => AddQueryParameter(name, ArazzoValue.From(value));

    /// <summary>Adds a header; a missing value is not sent, a value with CR or LF is refused.</summary>
    public void AddHeader(string name, ArazzoValue value)
    {
        if (value.IsMissing)
        {
            return;
        }

        AddHeader(name, value.ToText());
    }

    /// <summary>Adds a header from text; a value with CR or LF is refused.</summary>
    public void AddHeader(string name, string value)
    {
        if (value.IndexOfAny(LineBreaks) >= 0 || name.IndexOfAny(LineBreaks) >= 0)
        {
            throw Invalid($"header '{name}' contains a line break");
        }

        _headers.Add(new(name, value));
    }

    /// <summary>Adds a cookie; a missing value is not sent.</summary>
    public void AddCookie(string name, ArazzoValue value)
    {
        if (!value.IsMissing)
        {
            _cookies.Add(new(name, Uri.EscapeDataString(value.ToText())));
        }
    }

    /// <summary>Adds a cookie from text (a literal value in the document).</summary>
    public void AddCookie(string name, string value) => AddCookie(name, ArazzoValue.From(value));

    /// <summary>Sets a JSON body written by <paramref name="write"/>.</summary>
    public void SetJsonBody(string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        _body = buffer.WrittenSpan.ToArray();
        _contentType = contentType;
    }

    /// <summary>Sets a text body.</summary>
    public void SetTextBody(string contentType, string text)
    {
        _body = Encoding.UTF8.GetBytes(text);
        _contentType = contentType;
    }

    /// <summary>The path and query, escaped, such as <c>/runs/abc?x=1</c>.</summary>
    public string BuildRelativeUri()
    {
        var path = new StringBuilder(PathTemplate);
        foreach (var pair in _pathValues)
        {
            path.Replace("{" + pair.Key + "}", pair.Value);
        }

        for (var i = 0; i < _query.Count; i++)
        {
            path.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(_query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(_query[i].Value));
        }

        return path.ToString();
    }

    /// <summary>Builds the message to send against <paramref name="baseAddress"/>.</summary>
    public HttpRequestMessage ToHttpRequestMessage(Uri baseAddress)
    {
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        // Without this option Uri unescapes "%2E%2E" and removes the dot segments, so an escaped ".." value would
        // still climb out of its segment.
        var uri = new Uri(
            root + BuildRelativeUri(),
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        foreach (var header in _headers)
        {
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value) && _body is null)
            {
                throw Invalid($"header '{header.Key}' cannot be sent on a request without a body");
            }
        }

        if (_cookies.Count > 0)
        {
            var cookie = new StringBuilder();
            foreach (var pair in _cookies)
            {
                cookie.Append(cookie.Length == 0 ? string.Empty : "; ").Append(pair.Key).Append('=').Append(pair.Value);
            }

            message.Headers.TryAddWithoutValidation("Cookie", cookie.ToString());
        }

        if (_body is not null)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(_contentType ?? "application/octet-stream");
            foreach (var header in _headers)
            {
                if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            message.Content = content;
        }

        return message;
    }

    private static readonly char[] LineBreaks = { '\r', '\n' };

    private static string EscapeSegment(string value)
    {
        var escaped = Uri.EscapeDataString(value);

        // "." and ".." are left alone by EscapeDataString but would move the request to another path.
        return escaped is "." or ".." ? escaped.Replace(".", "%2E") : escaped;
    }

    private WorkflowFailureException Invalid(string message)
        => new(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, StepId, null, null, message));
}
