using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>What the example server sends for one operation: status, content type, body text and headers.</summary>
internal sealed record ExampleAnswer(
    int Status,
    string? ContentType,
    string? Body,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>An answer for a request the document has no operation for, in words for the failure message.</summary>
    public static ExampleAnswer Problem(int status, string message)
        => new(status, "application/json", JsonSerializer.Serialize(new { problem = message }),
            new Dictionary<string, string>());
}

/// <summary>
/// A row's replacement for the answer an operation's examples give: only the members set replace the declared ones
/// (headers are added to the declared headers). <see cref="Why"/> is required: every override says why it exists.
/// </summary>
internal sealed record AnswerOverride
{
    public string Why { get; init; } = string.Empty;

    public int? Status { get; init; }

    /// <summary>A JSON body, sent as <see cref="ContentType"/> (application/json when unset).</summary>
    public JsonElement? Body { get; init; }

    public string? ContentType { get; init; }

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public ExampleAnswer Over(ExampleAnswer declared)
    {
        var headers = new Dictionary<string, string>(declared.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        var status = Status ?? declared.Status;
        return Body is { } body
            ? new ExampleAnswer(status, ContentType ?? "application/json", body.GetRawText(), headers)
            : declared with { Status = status, Headers = headers };
    }
}
