using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>
/// Form bodies from a JSON object: each member is a field, each item of an array member a field of the same name.
/// Strings, numbers and booleans are sent as text, null as empty, objects (and objects inside arrays) as JSON.
/// </summary>
internal static class FormBody
{
    /// <summary><c>application/x-www-form-urlencoded</c>: <c>name=value</c> pairs, spaces as <c>+</c>.</summary>
    public static string Encode(byte[] json)
    {
        var builder = new StringBuilder();
        foreach (var (name, text, _) in Fields(json, "application/x-www-form-urlencoded"))
        {
            builder.Append(builder.Length == 0 ? string.Empty : "&")
                .Append(PercentEncoding.FormEncode(name)).Append('=').Append(PercentEncoding.FormEncode(text));
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>multipart/form-data</c> (RFC 7578): one part per field, objects with <c>Content-Type: application/json</c>.
    /// The boundary is random, so no value can end a part early.
    /// </summary>
    public static (byte[] Body, string Boundary) EncodeMultipart(byte[] json)
    {
        var fields = Fields(json, "multipart/form-data");
        string boundary;
        do
        {
            boundary = "arazzo-" + Guid.NewGuid().ToString("N");
        }
        while (fields.Exists(f => f.Text.Contains(boundary, StringComparison.Ordinal)));

        var builder = new StringBuilder();
        foreach (var (name, text, contentType) in fields)
        {
            builder.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(PartName(name)).Append("\"\r\n");
            if (contentType is not null)
            {
                builder.Append("Content-Type: ").Append(contentType).Append("\r\n");
            }

            builder.Append("\r\n").Append(text).Append("\r\n");
        }

        builder.Append("--").Append(boundary).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(builder.ToString()), boundary);
    }

    private static List<(string Name, string Text, string? ContentType)> Fields(byte[] json, string mediaType)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                "a " + mediaType + " body is built from an object, but the payload is " + root.ValueKind);
        }

        var fields = new List<(string, string, string?)>();
        foreach (var member in root.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    fields.Add((member.Name, CompactJson.Text(item), PartType(item)));
                }
            }
            else
            {
                fields.Add((member.Name, CompactJson.Text(member.Value), PartType(member.Value)));
            }
        }

        return fields;
    }

    /// <summary>A part's Content-Type: JSON for structures; none (RFC 7578's text/plain) for text.</summary>
    private static string? PartType(JsonElement value)
        => value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "application/json" : null;

    /// <summary>
    /// A field name inside the quoted <c>name</c> parameter: quote, CR and LF are percent-encoded (as browsers do),
    /// so a name can neither end the parameter nor start a header.
    /// </summary>
    private static string PartName(string name)
        => name.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
}
