using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>JSON text without whitespace, whatever the whitespace of the document a value came from.</summary>
internal static class CompactJson
{
    public static string Write(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The value as JSON text; a missing value is <c>null</c>.</summary>
    public static string Write(ArazzoValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A value as it stands inside a serialized parameter or form field: strings as they are, numbers as written,
    /// booleans <c>true</c>/<c>false</c>, null as empty, objects and arrays as compact JSON.
    /// </summary>
    public static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => Write(element),
    };

    /// <summary>Like <see cref="Text(JsonElement)"/> for a value that may be missing (then empty).</summary>
    public static string Text(ArazzoValue value)
        => value.Kind == ArazzoValueKind.Structure ? Write(value.AsJson()!.Value) : value.ToText();
}
