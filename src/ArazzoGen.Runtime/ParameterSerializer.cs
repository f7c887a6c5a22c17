using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>
/// Serializes parameter values by the OpenAPI styles (RFC 6570 expansion, as the OpenAPI "Style Examples" table
/// shows it). A missing value gives null: the parameter is not sent. JSON null, an empty array and an empty object
/// are RFC 6570's "undefined" and give the table's "undefined" column (<c>;color</c>, <c>.</c>, <c>color=</c>).
/// Items and members that are themselves objects or arrays are written as compact JSON.
/// </summary>
internal static class ParameterSerializer
{
    private static readonly Operator SimpleOperator = new(string.Empty, ",", Named: false, IfEmpty: string.Empty);
    private static readonly Operator LabelOperator = new(".", ".", Named: false, IfEmpty: string.Empty);
    private static readonly Operator MatrixOperator = new(";", ";", Named: true, IfEmpty: string.Empty);
    private static readonly Operator FormOperator = new(string.Empty, "&", Named: true, IfEmpty: "=");
    private static readonly Operator CookieOperator = new(string.Empty, "; ", Named: true, IfEmpty: "=");

    /// <summary>A path parameter's expansion (simple, label or matrix), percent-encoded.</summary>
    public static string? Path(string name, ArazzoValue value, ParameterStyle style, bool explode)
    {
        var op = style switch
        {
            ParameterStyle.Label => LabelOperator,
            ParameterStyle.Matrix => MatrixOperator,
            _ => SimpleOperator,
        };
        return Expand(op, name, value, explode, ",", text => PercentEncoding.Encode(text));
    }

    /// <summary>
    /// A query parameter as <c>name=value</c> pairs joined by <c>&amp;</c>, percent-encoded, without the <c>?</c>.
    /// Styles that OpenAPI leaves undefined for a value (space- or pipe-delimited scalars, exploded) fall back to
    /// form.
    /// </summary>
    public static string? Query(string name, ArazzoValue value, ParameterStyle style, bool explode, bool allowReserved)
    {
        string Encode(string text) => PercentEncoding.Append(new StringBuilder(), text, allowReserved).ToString();
        var encodedName = PercentEncoding.Encode(name);
        switch (style)
        {
            case ParameterStyle.DeepObject:
                return DeepObject(encodedName, value, Encode);
            case ParameterStyle.SpaceDelimited when !explode:
                return Expand(FormOperator, encodedName, value, false, "%20", Encode, nameIsEncoded: true);
            case ParameterStyle.PipeDelimited when !explode:
                return Expand(FormOperator, encodedName, value, false, "%7C", Encode, nameIsEncoded: true);
            default:
                return Expand(FormOperator, encodedName, value, explode, ",", Encode, nameIsEncoded: true);
        }
    }

    /// <summary>A header value (simple style), not percent-encoded: a header is not part of a URI.</summary>
    public static string? Header(ArazzoValue value, bool explode)
        => Expand(SimpleOperator, string.Empty, value, explode, ",", text => text);

    /// <summary>
    /// A cookie's <c>name=value</c> pairs joined by <c>; </c>. Form style percent-encodes names and values; the
    /// OpenAPI 3.2 cookie style sends them as they are, so a character a cookie cannot hold is refused.
    /// </summary>
    /// <exception cref="FormatException">Cookie style with a character outside RFC 6265 cookie-octets.</exception>
    public static string? Cookie(string name, ArazzoValue value, ParameterStyle style, bool explode)
    {
        if (style == ParameterStyle.Cookie)
        {
            return Expand(CookieOperator, name, value, explode, ",", RequireCookieOctets);
        }

        return Expand(CookieOperator, PercentEncoding.Encode(name), value, explode, ",",
            text => PercentEncoding.Encode(text), nameIsEncoded: true);
    }

    private static string? Expand(
        Operator op,
        string name,
        ArazzoValue value,
        bool explode,
        string join,
        Func<string, string> encode,
        bool nameIsEncoded = false)
    {
        if (value.IsMissing)
        {
            return null;
        }

        // The common case, a scalar in simple style (every path and header parameter of most documents): its
        // encoded text is the whole expansion, with no builder.
        if (value.Kind is not (ArazzoValueKind.Structure or ArazzoValueKind.Null) && !op.Named && op.First.Length == 0)
        {
            return encode(value.ToText());
        }

        var label = nameIsEncoded ? name : encode(name);
        var builder = new StringBuilder(op.First);
        var json = value.Kind == ArazzoValueKind.Structure ? value.AsJson() : null;
        if (json is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0)
        {
            var items = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                items.Add(CompactJson.Text(item));
            }

            AppendList(builder, op, label, items, explode, join, encode);
        }
        else if (json is { ValueKind: JsonValueKind.Object } map && HasMembers(map))
        {
            var members = new List<KeyValuePair<string, string>>();
            foreach (var member in map.EnumerateObject())
            {
                members.Add(new(member.Name, CompactJson.Text(member.Value)));
            }

            AppendMap(builder, op, label, members, explode, join, encode);
        }
        else if (value.Kind == ArazzoValueKind.Null || json is not null)
        {
            // RFC 6570 "undefined": null, an empty array, an empty object.
            builder.Append(op.Named ? label + op.IfEmpty : string.Empty);
        }
        else
        {
            AppendNamed(builder, op, label, encode(value.ToText()));
        }

        return builder.ToString();
    }

    private static void AppendList(
        StringBuilder builder,
        Operator op,
        string label,
        List<string> items,
        bool explode,
        string join,
        Func<string, string> encode)
    {
        if (!explode)
        {
            builder.Append(op.Named ? label + "=" : string.Empty);
            for (var i = 0; i < items.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : join).Append(encode(items[i]));
            }

            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : op.Separator);
            AppendNamed(builder, op, label, encode(items[i]));
        }
    }

    private static void AppendMap(
        StringBuilder builder,
        Operator op,
        string label,
        List<KeyValuePair<string, string>> members,
        bool explode,
        string join,
        Func<string, string> encode)
    {
        if (!explode)
        {
            builder.Append(op.Named ? label + "=" : string.Empty);
            for (var i = 0; i < members.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : join)
                    .Append(encode(members[i].Key)).Append(join).Append(encode(members[i].Value));
            }

            return;
        }

        for (var i = 0; i < members.Count; i++)
        {
            var text = encode(members[i].Value);
            builder.Append(i == 0 ? string.Empty : op.Separator).Append(encode(members[i].Key))
                .Append(op.Named && text.Length == 0 ? op.IfEmpty : "=" + text);
        }
    }

    /// <summary><c>name=value</c> for named operators (or their empty form), the bare value otherwise.</summary>
    private static void AppendNamed(StringBuilder builder, Operator op, string label, string encoded)
    {
        if (!op.Named)
        {
            builder.Append(encoded);
        }
        else
        {
            builder.Append(label).Append(encoded.Length == 0 ? op.IfEmpty : "=" + encoded);
        }
    }

    /// <summary>
    /// <c>color[R]=100&amp;color[G]=200</c>, brackets encoded. OpenAPI leaves nested values undefined; they nest
    /// further (<c>a[b][c]=1</c>, arrays by index), the common reading. A scalar is sent as <c>name=value</c>; an
    /// empty object sends nothing.
    /// </summary>
    private static string? DeepObject(string encodedName, ArazzoValue value, Func<string, string> encode)
    {
        if (value.IsMissing)
        {
            return null;
        }

        if (value.Kind != ArazzoValueKind.Structure)
        {
            return encodedName + "=" + encode(value.ToText());
        }

        var builder = new StringBuilder();
        AppendDeep(builder, encodedName, value.AsJson()!.Value, encode);
        return builder.Length == 0 ? null : builder.ToString();
    }

    private static void AppendDeep(StringBuilder builder, string prefix, JsonElement value, Func<string, string> encode)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    AppendDeep(builder, prefix + "%5B" + encode(member.Name) + "%5D", member.Value, encode);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var key = (index++).ToString(CultureInfo.InvariantCulture);
                    AppendDeep(builder, prefix + "%5B" + key + "%5D", item, encode);
                }

                break;
            default:
                builder.Append(builder.Length == 0 ? string.Empty : "&")
                    .Append(prefix).Append('=').Append(encode(CompactJson.Text(value)));
                break;
        }
    }

    private static bool HasMembers(JsonElement map)
    {
        using var members = map.EnumerateObject();
        return members.MoveNext();
    }

    /// <summary>RFC 6265 cookie-octets: printable ASCII but space, <c>" , ; \</c>.</summary>
    private static string RequireCookieOctets(string text)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~' or '"' or ',' or ';' or '\\')
            {
                throw new FormatException(
                    "a cookie-style value cannot hold '" + Describe(c) + "'; use the form style to percent-encode it");
            }
        }

        return text;
    }

    private static string Describe(char c) => c is < ' ' or > '~'
        ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
        : c.ToString();

    /// <summary>An RFC 6570 operator: prefix, separator, whether values are named, the empty-value form.</summary>
    private readonly record struct Operator(string First, string Separator, bool Named, string IfEmpty);
}
