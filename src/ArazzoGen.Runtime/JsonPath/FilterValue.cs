using System.Globalization;
using System.Text.Json;

namespace ArazzoGen.Runtime.JsonPath;

internal enum FilterValueKind
{
    /// <summary>No value: a singular query that selected nothing, or a function that gave none.</summary>
    Nothing,
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A value inside a filter: a literal, the node a singular query selected, or a function's result. Compared as
/// RFC 9535, section 2.3.5.2.2 says: exactly, strings by code point and case-sensitively, numbers by value.
/// </summary>
internal readonly struct FilterValue
{
    private FilterValue(FilterValueKind kind, double number = 0, string? text = null, JsonElement element = default)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Element = element;
    }

    public static FilterValue Nothing => default;

    public FilterValueKind Kind { get; }

    public double Number { get; }

    public string? Text { get; }

    /// <summary>The node, for arrays and objects.</summary>
    public JsonElement Element { get; }

    public static FilterValue Of(double number) => new(FilterValueKind.Number, number);

    public static FilterValue Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => new(FilterValueKind.Null),
        JsonValueKind.True => new(FilterValueKind.True),
        JsonValueKind.False => new(FilterValueKind.False),
        JsonValueKind.Number => new(FilterValueKind.Number, NumberOf(element)),
        JsonValueKind.String => new(FilterValueKind.String, text: element.GetString()),
        JsonValueKind.Array => new(FilterValueKind.Array, element: element),
        JsonValueKind.Object => new(FilterValueKind.Object, element: element),
        _ => Nothing,
    };

    public static FilterValue Of(ValueLiteral literal) => literal.Type switch
    {
        LiteralType.String => new(FilterValueKind.String, text: literal.Text),
        LiteralType.Number => new(FilterValueKind.Number, literal.Number),
        LiteralType.True => new(FilterValueKind.True),
        LiteralType.False => new(FilterValueKind.False),
        _ => new(FilterValueKind.Null),
    };

    /// <summary>
    /// <c>==</c>: two Nothings are equal; numbers by value; strings, booleans and null exactly; arrays and objects
    /// member by member; values of different types never.
    /// </summary>
    public static bool Equal(FilterValue left, FilterValue right)
    {
        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            FilterValueKind.Number => left.Number.Equals(right.Number),
            FilterValueKind.String => string.Equals(left.Text, right.Text, System.StringComparison.Ordinal),
            FilterValueKind.Array or FilterValueKind.Object => DeepEquals(left.Element, right.Element),
            _ => true,
        };
    }

    /// <summary><c>&lt;</c>: only between two numbers or two strings; false otherwise.</summary>
    public static bool Less(FilterValue left, FilterValue right) => (left.Kind, right.Kind) switch
    {
        (FilterValueKind.Number, FilterValueKind.Number) => left.Number < right.Number,
        (FilterValueKind.String, FilterValueKind.String) => CompareCodePoints(left.Text!, right.Text!) < 0,
        _ => false,
    };

    /// <summary>
    /// Orders strings by Unicode scalar value. UTF-16 order differs only where a surrogate pair meets a character
    /// from U+E000 to U+FFFF, so those units are moved past each other before comparing.
    /// </summary>
    private static int CompareCodePoints(string left, string right)
    {
        var length = System.Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return Fixup(left[i]) - Fixup(right[i]);
            }
        }

        return left.Length - right.Length;
    }

    private static int Fixup(char c) => c >= 0xE000 ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;

    private static double NumberOf(JsonElement element) => element.TryGetDouble(out var value)
        ? value
        : double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool DeepEquals(JsonElement left, JsonElement right)
    {
        var a = Of(left);
        var b = Of(right);
        if (a.Kind != b.Kind)
        {
            return false;
        }

        if (a.Kind == FilterValueKind.Array)
        {
            return ArraysEqual(left, right);
        }

        return a.Kind == FilterValueKind.Object ? ObjectsEqual(left, right) : Equal(a, b);
    }

    private static bool ArraysEqual(JsonElement left, JsonElement right)
    {
        if (left.GetArrayLength() != right.GetArrayLength())
        {
            return false;
        }

        using var others = right.EnumerateArray();
        foreach (var item in left.EnumerateArray())
        {
            others.MoveNext();
            if (!DeepEquals(item, others.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ObjectsEqual(JsonElement left, JsonElement right)
    {
        var count = 0;
        foreach (var member in left.EnumerateObject())
        {
            count++;
            if (!right.TryGetProperty(member.Name, out var other) || !DeepEquals(member.Value, other))
            {
                return false;
            }
        }

        foreach (var unused in right.EnumerateObject())
        {
            count--;
        }

        return count == 0;
    }
}
