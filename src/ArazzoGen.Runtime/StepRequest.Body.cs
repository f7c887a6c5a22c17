using System;
using System.Buffers;
using System.Text.Json;

namespace ArazzoGen.Runtime;

// The request body of a step (JSON, form, multipart, XML, text), its replacements, and the $request expressions.
public sealed partial class StepRequest
{
    /// <summary>Sets a JSON body written by <paramref name="write"/> from the payload template.</summary>
    public void SetJsonBody(string contentType, Action<Utf8JsonWriter> write)
        => _body = RequestBody.FromJson(BodyKind.Json, contentType, Write(write));

    /// <summary>Sets a JSON body from a payload that is one expression; a missing value sends no body.</summary>
    public void SetJsonBody(string contentType, ArazzoValue value)
        => _body = value.IsMissing ? null : RequestBody.FromJson(BodyKind.Json, contentType, JsonBytes(value));

    /// <summary>Sets a JSON body from a string template's text.</summary>
    public void SetJsonBody(string contentType, string json)
        => _body = RequestBody.FromJson(BodyKind.Json, contentType, System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Sets an <c>application/x-www-form-urlencoded</c> body from the object <paramref name="write"/> writes: each
    /// member a field.
    /// </summary>
    public void SetFormBody(string contentType, Action<Utf8JsonWriter> write)
        => _body = RequestBody.FromJson(BodyKind.Form, contentType, Write(write));

    /// <summary>
    /// Sets a form body from one expression: an object becomes fields, text is sent as it is (already encoded).
    /// A missing value sends no body.
    /// </summary>
    public void SetFormBody(string contentType, ArazzoValue value)
    {
        if (value.IsMissing)
        {
            _body = null;
            return;
        }

        _body = value.Kind == ArazzoValueKind.Structure
            ? RequestBody.FromJson(BodyKind.Form, contentType, JsonBytes(value))
            : RequestBody.FromText(BodyKind.Text, contentType, value.ToText());
    }

    /// <summary>Sets a form body from a string template's text (values already form-encoded).</summary>
    public void SetFormBody(string contentType, string text)
        => _body = RequestBody.FromText(BodyKind.Text, contentType, text);

    /// <summary>Sets a <c>multipart/form-data</c> body from the object <paramref name="write"/> writes.</summary>
    public void SetMultipartBody(string contentType, Action<Utf8JsonWriter> write)
        => _body = RequestBody.FromJson(BodyKind.Multipart, contentType, Write(write));

    /// <summary>Sets a multipart body from one expression (an object); a missing value sends none.</summary>
    public void SetMultipartBody(string contentType, ArazzoValue value)
        => _body = value.IsMissing ? null : RequestBody.FromJson(BodyKind.Multipart, contentType, JsonBytes(value));

    /// <summary>Sets an XML body: replacements select its nodes by XPath.</summary>
    public void SetXmlBody(string contentType, string xml)
        => _body = RequestBody.FromText(BodyKind.Xml, contentType, xml);

    /// <summary>Sets a text body.</summary>
    public void SetTextBody(string contentType, string text)
        => _body = RequestBody.FromText(BodyKind.Text, contentType, text);

    /// <summary>
    /// A replacement: the value goes where the JSON Pointer (for JSON and form bodies) or XPath 1.0 expression (for
    /// XML bodies) <paramref name="target"/> points. A target that selects nothing fails the step before it sends.
    /// </summary>
    public void AddReplacement(string target, ArazzoValue value)
    {
        if (_body is null)
        {
            throw Invalid($"replacement target '{target}' has no request body to apply to");
        }

        _body.AddReplacement(target, value);
    }

    /// <summary><c>$request.header.name</c>: a header as sent (names are case-insensitive).</summary>
    public ArazzoValue Header(string name)
    {
        if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase) && CookieHeader() is { } cookie)
        {
            return ArazzoValue.From(cookie);
        }

        if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) && _body is not null)
        {
            return ArazzoValue.From(_body.ContentType);
        }

        var values = _headers.FindAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return values.Count == 0
            ? ArazzoValue.Missing
            : ArazzoValue.From(string.Join(", ", values.ConvertAll(h => h.Value)));
    }

    /// <summary><c>$request.query.name</c>: the value the step gave the query parameter, with its JSON type.</summary>
    public ArazzoValue QueryParameter(string name)
        => _queryGiven is not null && _queryGiven.TryGetValue(name, out var value) ? value : ArazzoValue.Missing;

    /// <summary><c>$request.path.name</c>: the value the step gave the path parameter, with its JSON type.</summary>
    public ArazzoValue PathParameter(string name)
    {
        // The last value given under the name, as a second AddPathParameter of the same name overrides the first.
        for (var i = _pathValues.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_pathValues[i].Name, name, StringComparison.Ordinal))
            {
                return _pathValues[i].Value;
            }
        }

        return ArazzoValue.Missing;
    }

    /// <summary>
    /// <c>$request.body</c>: the payload after replacements, as JSON for JSON bodies and for form bodies built from an
    /// object, as text for the others; missing without a body.
    /// </summary>
    public ArazzoValue Body => _body?.Payload ?? ArazzoValue.Missing;

    /// <summary>The body's bytes, encoded once (replacements applied); null without a body.</summary>
    private byte[]? EncodeBody()
    {
        if (_body is null || _encodedBody is not null)
        {
            return _encodedBody;
        }

        try
        {
            return _encodedBody = _body.Encode();
        }
        catch (FormatException ex)
        {
            throw Invalid(ex.Message);
        }
        catch (JsonException ex)
        {
            throw Invalid("the JSON body is not valid JSON: " + ex.Message);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] JsonBytes(ArazzoValue value) => Write(value.WriteTo);
}
