using System;
using System.Text;

namespace ArazzoGen.Runtime;

/// <summary>
/// Percent-encoding of UTF-8 text (RFC 3986): for URI parts, and with <c>+</c> for spaces for
/// <c>application/x-www-form-urlencoded</c> bodies.
/// </summary>
internal static class PercentEncoding
{
    /// <summary>
    /// Reserved characters that <c>allowReserved</c> still encodes in a query: <c>#</c>, <c>[</c> and <c>]</c> are
    /// not allowed there, and <c>&amp;</c>, <c>=</c> and <c>+</c> would change how the query string splits.
    /// </summary>
    private const string ReservedButEncoded = "#[]&=+";

    private const string Reserved = ":/?#[]@!$&'()*+,;=";

    private const string Hex = "0123456789ABCDEF";

    /// <summary>Encodes everything but the unreserved characters (letters, digits, <c>-._~</c>).</summary>
    public static string Encode(string text)
    {
        foreach (var c in text)
        {
            if (!IsUnreserved(c))
            {
                return Append(new StringBuilder(text.Length + 8), text, false).ToString();
            }
        }

        return text;
    }

    /// <summary>
    /// Appends <paramref name="text"/> encoded; with <paramref name="allowReserved"/> the reserved characters that
    /// keep the query's structure intact, and existing <c>%XX</c> triples, pass unchanged (OpenAPI
    /// <c>allowReserved</c>).
    /// </summary>
    public static StringBuilder Append(StringBuilder builder, string text, bool allowReserved)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnreserved(c)
                || allowReserved && Reserved.IndexOf(c) >= 0 && ReservedButEncoded.IndexOf(c) < 0
                || allowReserved && c == '%' && IsTriple(text, i))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            AppendBytes(builder, text.Substring(i, length));
            i += length - 1;
        }

        return builder;
    }

    /// <summary>
    /// <c>application/x-www-form-urlencoded</c>: a space becomes <c>+</c>, everything but the unreserved characters is
    /// percent-encoded.
    /// </summary>
    public static string FormEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ' ')
            {
                continue;
            }

            Append(builder, text.Substring(start, i - start), allowReserved: false);
            if (i < text.Length)
            {
                builder.Append('+');
            }

            start = i + 1;
        }

        return builder.ToString();
    }

    public static bool IsUnreserved(char c)
        => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~';

    private static bool IsTriple(string text, int i)
        => i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]);

    private static void AppendBytes(StringBuilder builder, string characters)
    {
        // A lone surrogate has no UTF-8 form; the encoder substitutes U+FFFD, as every URI library does.
        foreach (var b in Encoding.UTF8.GetBytes(characters))
        {
            builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
        }
    }
}
