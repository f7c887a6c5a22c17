using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>What a runtime expression evaluated to.</summary>
public enum ArazzoValueKind
{
    /// <summary>Nothing was there: an unset optional input, a pointer that reached no value.</summary>
    Missing,

    /// <summary>The JSON <c>null</c>.</summary>
    Null,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON object or array.</summary>
    Structure,

    /// <summary>
    /// The value could not be read (a response body that is not JSON); <see cref="ArazzoValue.Error"/> says why.
    /// </summary>
    Invalid,
}

/// <summary>
/// The value of a runtime expression while a workflow runs: a JSON value, or the absence of one.
/// Generated code passes these between steps, criteria and request builders; typed outputs are taken
/// out of them with the <c>As…</c> methods.
/// </summary>
public readonly partial struct ArazzoValue
{
    private readonly JsonElement _json;
    private readonly string? _text;
    private readonly double _number;

    private ArazzoValue(ArazzoValueKind kind, JsonElement json = default, string? text = null, double number = 0)
    {
        Kind = kind;
        _json = json;
        _text = text;
        _number = number;
    }

    /// <summary>No value.</summary>
    public static ArazzoValue Missing => default;

    /// <summary>The JSON null.</summary>
    public static ArazzoValue Null => new(ArazzoValueKind.Null);

    /// <summary>What kind of value this is.</summary>
    public ArazzoValueKind Kind { get; }

    /// <summary>Why the value is <see cref="ArazzoValueKind.Invalid"/>; null otherwise.</summary>
    public string? Error => Kind == ArazzoValueKind.Invalid ? _text : null;

    /// <summary>True when the expression reached no value (or an unreadable one).</summary>
    public bool IsMissing => Kind is ArazzoValueKind.Missing or ArazzoValueKind.Invalid;

    internal double Number => _number;

    internal string? Text => _text;

    /// <summary>A value that could not be read.</summary>
    public static ArazzoValue Invalid(string reason) => new(ArazzoValueKind.Invalid, text: reason);

    /// <summary>A string, or Missing for null.</summary>
    public static ArazzoValue From(string? value) => value is null ? Missing : new(ArazzoValueKind.String, text: value);

    /// <summary>A number, or Missing for null.</summary>
    public static ArazzoValue From(long? value)
        => value is null ? Missing : new(
            ArazzoValueKind.Number,
            text: value.Value.ToString(CultureInfo.InvariantCulture),
            number: value.Value);

    /// <summary>A number, or Missing for null.</summary>
    public static ArazzoValue From(int? value) => From((long?)value);

    /// <summary>A number, or Missing for null.</summary>
    public static ArazzoValue From(double? value)
        => value is null ? Missing : new(
            ArazzoValueKind.Number,
            text: value.Value.ToString("R", CultureInfo.InvariantCulture),
            number: value.Value);

    /// <summary>A boolean, or Missing for null.</summary>
    public static ArazzoValue From(bool? value)
        => value is null ? Missing : new(ArazzoValueKind.Boolean, number: value.Value ? 1 : 0);

    /// <summary>Any JSON value, or Missing for null.</summary>
    public static ArazzoValue From(JsonElement? value) => value is null ? Missing : From(value.Value);

    /// <summary>Any JSON value.</summary>
    public static ArazzoValue From(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
                return Missing;
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.True:
                return From(true);
            case JsonValueKind.False:
                return From(false);
            case JsonValueKind.String:
                return new(ArazzoValueKind.String, value, value.GetString());
            case JsonValueKind.Number:
                return new(ArazzoValueKind.Number, value, value.GetRawText(), value.GetDouble());
            default:
                return new(ArazzoValueKind.Structure, value);
        }
    }

    /// <summary>A JSON array of strings.</summary>
    public static ArazzoValue From(IEnumerable<string>? values) => FromList(
        values,
        static (w, v) => w.WriteStringValue(v));

    /// <summary>A JSON array of numbers.</summary>
    public static ArazzoValue From(IEnumerable<long>? values) => FromList(
        values,
        static (w, v) => w.WriteNumberValue(v));

    /// <summary>A JSON array of numbers.</summary>
    public static ArazzoValue From(IEnumerable<int>? values) => FromList(
        values,
        static (w, v) => w.WriteNumberValue(v));

    /// <summary>A JSON array of numbers.</summary>
    public static ArazzoValue From(IEnumerable<double>? values) => FromList(
        values,
        static (w, v) => w.WriteNumberValue(v));

    /// <summary>A JSON array of booleans.</summary>
    public static ArazzoValue From(IEnumerable<bool>? values) => FromList(
        values,
        static (w, v) => w.WriteBooleanValue(v));

    /// <summary>A JSON array of arbitrary values.</summary>
    public static ArazzoValue From(IEnumerable<JsonElement>? values) => FromList(values, static (w, v) => v.WriteTo(w));

    /// <summary>
    /// Parses a response body; an unreadable body gives an <see cref="ArazzoValueKind.Invalid"/> value.
    /// </summary>
    public static ArazzoValue ParseJson(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return Missing;
        }

        try
        {
            // One parse into an element that owns its memory (Parse then Clone would build the document twice).
            var span = utf8.Span;
            if (span.StartsWith("\uFEFF"u8))
            {
                span = span.Slice(3);
            }

            var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 256 });
            var root = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                // Only whitespace may follow the value; anything else is more than one JSON text.
                return Invalid(FormattableString.Invariant(
                    $"the body is not valid JSON (more after the value, at byte {reader.TokenStartIndex + 1})"));
            }

            return From(root);
        }
        catch (JsonException ex)
        {
            // Only where: the parser's message quotes the text it stopped at (a whole bare word such as
            // 'tok_live_…'), and a body can hold a credential.
            return Invalid(FormattableString.Invariant(
                $"the body is not valid JSON (at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"));
        }
    }

    /// <summary>
    /// <see cref="ParseJson"/> for a body that the caller owns and never changes (a response's): the value reads
    /// <paramref name="utf8"/> in place, in one pass over it, where ParseJson copies the value and reads it twice. Its
    /// document is never disposed, as values taken from it outlive the response, so what it rents is left to the
    /// collector rather than returned to the pool. A body that does not parse goes through ParseJson, for the same
    /// message.
    /// </summary>
    internal static ArazzoValue ParseOwnedJson(byte[] utf8)
    {
        if (utf8.Length == 0)
        {
            return Missing;
        }

        var json = utf8.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json.Slice(3);
        }

        try
        {
            return From(JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }).RootElement);
        }
        catch (JsonException)
        {
            return ParseJson(utf8);
        }
    }

    /// <summary>The member <paramref name="name"/> of an object; Missing otherwise.</summary>
    public ArazzoValue Member(string name)
    {
        if (Kind == ArazzoValueKind.Invalid)
        {
            return this;
        }

        return Kind == ArazzoValueKind.Structure && _json.ValueKind == JsonValueKind.Object
               && _json.TryGetProperty(name, out var member)
            ? From(member)
            : Missing;
    }

    /// <summary>
    /// The item at <paramref name="index"/> of an array (negative counts from the end); Missing otherwise.
    /// </summary>
    public ArazzoValue Index(int index)
    {
        if (Kind == ArazzoValueKind.Invalid)
        {
            return this;
        }

        if (Kind != ArazzoValueKind.Structure || _json.ValueKind != JsonValueKind.Array)
        {
            return Missing;
        }

        var length = _json.GetArrayLength();
        var i = index < 0 ? length + index : index;
        return i >= 0 && i < length ? From(_json[i]) : Missing;
    }

    /// <summary>Follows an RFC 6901 JSON Pointer such as <c>/run/status/run</c>.</summary>
    public ArazzoValue Pointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return this;
        }

        // Token by token over the text: only a token with an escape (~0, ~1) becomes a string of its own.
        var current = this;
        var rest = pointer.AsSpan(1);
        while (true)
        {
            var slash = rest.IndexOf('/');
            var raw = slash < 0 ? rest : rest.Slice(0, slash);
            current = raw.IndexOf('~') < 0
                ? current.Token(raw)
                : current.Token(raw.ToString().Replace("~1", "/").Replace("~0", "~").AsSpan());
            if (slash < 0)
            {
                return current;
            }

            rest = rest.Slice(slash + 1);
        }
    }

    /// <summary>One unescaped pointer token: an index into an array, else a member name.</summary>
    private ArazzoValue Token(ReadOnlySpan<char> token)
    {
        if (Kind == ArazzoValueKind.Structure && _json.ValueKind == JsonValueKind.Array)
        {
            return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? Index(i) : Missing;
        }

        if (Kind == ArazzoValueKind.Invalid)
        {
            return this;
        }

        return Kind == ArazzoValueKind.Structure && _json.ValueKind == JsonValueKind.Object
               && _json.TryGetProperty(token, out var member)
            ? From(member)
            : Missing;
    }

    /// <summary>The value as a string output: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is of another JSON type.</exception>
    public string? AsString() => Kind switch
    {
        ArazzoValueKind.String => _text,
        ArazzoValueKind.Missing or ArazzoValueKind.Null => null,
        _ => throw Mismatch("a string"),
    };

    /// <summary>The value as an integer output: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an integral number.</exception>
    public long? AsInt64()
    {
        if (Kind is ArazzoValueKind.Missing or ArazzoValueKind.Null)
        {
            return null;
        }

        if (Kind == ArazzoValueKind.Number
            && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw Mismatch("an integer");
    }

    /// <summary>The value as a 32-bit integer output: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an integral number in range.</exception>
    public int? AsInt32()
    {
        var value = AsInt64();
        if (value is null)
        {
            return null;
        }

        return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : throw Mismatch("a 32-bit integer");
    }

    /// <summary>The value as a number output: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not a number.</exception>
    public double? AsDouble() => Kind switch
    {
        ArazzoValueKind.Number => _number,
        ArazzoValueKind.Missing or ArazzoValueKind.Null => null,
        _ => throw Mismatch("a number"),
    };

    /// <summary>The value as a boolean output: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not a boolean.</exception>
    public bool? AsBoolean() => Kind switch
    {
        ArazzoValueKind.Boolean => _number != 0,
        ArazzoValueKind.Missing or ArazzoValueKind.Null => null,
        _ => throw Mismatch("a boolean"),
    };

    /// <summary>The value as JSON: null when missing or JSON null.</summary>
    /// <exception cref="ArazzoValueException">The value could not be read.</exception>
    public JsonElement? AsJson()
    {
        switch (Kind)
        {
            case ArazzoValueKind.Missing:
            case ArazzoValueKind.Null:
                return null;
            case ArazzoValueKind.Invalid:
                throw new ArazzoValueException(_text ?? "the value could not be read");
            case ArazzoValueKind.Structure:
                return _json;
            default:
                return ToJsonElement();
        }
    }

    /// <summary>
    /// The value as text, as an embedded <c>{$…}</c> expression renders it: strings as they are, numbers in invariant
    /// culture, booleans <c>true</c>/<c>false</c>, null and missing as empty, objects and arrays as compact JSON.
    /// </summary>
    public string ToText() => Kind switch
    {
        ArazzoValueKind.String or ArazzoValueKind.Number => _text ?? string.Empty,
        ArazzoValueKind.Boolean => _number != 0 ? "true" : "false",
        ArazzoValueKind.Structure => CompactJson(_json),
        _ => string.Empty,
    };

    /// <summary>
    /// JSON without the whitespace of its source (raw text keeps a pretty-printed input's line breaks, which a
    /// header cannot carry); only the characters JSON requires are escaped.
    /// </summary>
    private static string CompactJson(JsonElement json)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the value as JSON (Missing and Invalid write null).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case ArazzoValueKind.String:
                writer.WriteStringValue(_text);
                break;
            case ArazzoValueKind.Number:
                writer.WriteRawValue(_text!, skipInputValidation: true);
                break;
            case ArazzoValueKind.Boolean:
                writer.WriteBooleanValue(_number != 0);
                break;
            case ArazzoValueKind.Structure:
                _json.WriteTo(writer);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>A short description for logs and messages; strings are not shown, since they may be secrets.</summary>
    public override string ToString() => Kind switch
    {
        ArazzoValueKind.String => "string",
        ArazzoValueKind.Number => "number " + _text,
        ArazzoValueKind.Boolean => ToText(),
        ArazzoValueKind.Structure => _json.ValueKind == JsonValueKind.Array ? "array" : "object",
        ArazzoValueKind.Invalid => "invalid (" + _text + ")",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    internal string JsonTypeName => Kind switch
    {
        ArazzoValueKind.Structure => _json.ValueKind == JsonValueKind.Array ? "an array" : "an object",
        ArazzoValueKind.String => "a string",
        ArazzoValueKind.Number => "a number",
        ArazzoValueKind.Boolean => "a boolean",
        ArazzoValueKind.Null => "null",
        ArazzoValueKind.Invalid => "unreadable: " + _text,
        _ => "missing",
    };

    private JsonElement ToJsonElement()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private ArazzoValueException Mismatch(string expected)
        => new("expected " + expected + " but the value is " + JsonTypeName);

    private static ArazzoValue FromList<T>(IEnumerable<T>? values, Action<Utf8JsonWriter, T> write)
    {
        if (values is null)
        {
            return Missing;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                write(writer, value);
            }

            writer.WriteEndArray();
        }

        // Read back once into an element that owns its copy (a document parsed, then cloned, was read and copied
        // twice). The list adds a level to its items; reading it back allows what the writer wrote (its limit is
        // 1,000), not just the reader's default of 64, which an item parsed with the defaults may already reach.
        var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { MaxDepth = 1024 });
        return From(JsonElement.ParseValue(ref reader));
    }
}

/// <summary>A value did not have the type its output declares, or could not be read at all.</summary>
public sealed class ArazzoValueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArazzoValueException(string message)
        : base(message)
    {
    }
}
