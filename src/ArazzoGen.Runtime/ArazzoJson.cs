using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>Helpers the generated request-body writers call.</summary>
public static class ArazzoJson
{
    /// <summary>
    /// Writes <c>"name": value</c>, or nothing when the value is missing (an optional input left unset), so a
    /// payload template never sends a member its caller did not give.
    /// </summary>
    public static void WriteProperty(Utf8JsonWriter writer, string name, ArazzoValue value)
    {
        if (value.Kind == ArazzoValueKind.Missing)
        {
            return;
        }

        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }

    /// <summary>
    /// A list property written item by item, as the list's <see cref="ArazzoValue"/> would write it, without
    /// building that value (a copy of the list written and read back) first; nothing for null.
    /// </summary>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<JsonElement>? values)
        => WriteList(writer, name, values, static (w, v) => v.WriteTo(w));

    /// <inheritdoc cref="WriteProperty(Utf8JsonWriter, string, IEnumerable{JsonElement}?)"/>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<string>? values)
        => WriteList(writer, name, values, static (w, v) => w.WriteStringValue(v));

    /// <inheritdoc cref="WriteProperty(Utf8JsonWriter, string, IEnumerable{JsonElement}?)"/>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<long>? values)
        => WriteList(writer, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <inheritdoc cref="WriteProperty(Utf8JsonWriter, string, IEnumerable{JsonElement}?)"/>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<int>? values)
        => WriteList(writer, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <inheritdoc cref="WriteProperty(Utf8JsonWriter, string, IEnumerable{JsonElement}?)"/>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<double>? values)
        => WriteList(writer, name, values, static (w, v) => w.WriteNumberValue(v));

    /// <inheritdoc cref="WriteProperty(Utf8JsonWriter, string, IEnumerable{JsonElement}?)"/>
    public static void WriteProperty(Utf8JsonWriter writer, string name, IEnumerable<bool>? values)
        => WriteList(writer, name, values, static (w, v) => w.WriteBooleanValue(v));

    private static void WriteList<T>(
        Utf8JsonWriter writer, string name, IEnumerable<T>? values, Action<Utf8JsonWriter, T> write)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            write(writer, value);
        }

        writer.WriteEndArray();
    }

    /// <summary>The value <paramref name="write"/> writes: an object or array a document spells out.</summary>
    public static ArazzoValue Value(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return ArazzoValue.ParseJson(buffer.WrittenMemory);
    }

    /// <summary>A constant written as JSON text, such as <c>3</c> or <c>true</c>, with its JSON type.</summary>
    public static ArazzoValue Parse(string json) => ArazzoValue.ParseJson(Encoding.UTF8.GetBytes(json));
}
