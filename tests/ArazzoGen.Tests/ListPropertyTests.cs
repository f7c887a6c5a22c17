using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ArazzoGen.Runtime;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// A list input in a JSON body is written item by item (<see cref="ArazzoJson"/>'s list overloads), no longer as an
/// <see cref="ArazzoValue"/> built first: the bytes must be the ones the value wrote.
/// </summary>
public class ListPropertyTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Same<T>(IEnumerable<T>? list, Func<IEnumerable<T>?, ArazzoValue> asValue,
        Action<Utf8JsonWriter, IEnumerable<T>?> direct)
    {
        var before = Write(w => ArazzoJson.WriteProperty(w, "l", asValue(list)));
        var after = Write(w => direct(w, list));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Each_list_type_writes_the_bytes_its_value_wrote()
    {
        using var document = JsonDocument.Parse(
            """[{"a":[1,2.50,{"b":null}]},"é \u00e9 \"q\" <tag>",1e20,-0.0,true,null,"\ud83d\ude00"]""");
        var elements = new List<JsonElement>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            elements.Add(item);
        }

        Same(elements, ArazzoValue.From, (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(new[] { "plain", "é <&> \"", "\u2028", string.Empty }, ArazzoValue.From,
            (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(new[] { 0L, long.MaxValue, long.MinValue }, ArazzoValue.From,
            (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(new[] { 1, -1, int.MaxValue }, ArazzoValue.From, (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(new[] { 0.1, 1e20, 1.5e-300, -0.0, double.MaxValue }, ArazzoValue.From,
            (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(new[] { true, false }, ArazzoValue.From, (w, l) => ArazzoJson.WriteProperty(w, "l", l));
        Same(Array.Empty<string>(), ArazzoValue.From, (w, l) => ArazzoJson.WriteProperty(w, "l", l));
    }

    [Fact]
    public void A_missing_list_writes_no_property()
    {
        Assert.Equal("{}", Write(w => ArazzoJson.WriteProperty(w, "l", (IEnumerable<JsonElement>?)null)));
        Assert.Equal("{}", Write(w => ArazzoJson.WriteProperty(w, "l", ArazzoValue.From((IEnumerable<string>?)null))));
    }
}
