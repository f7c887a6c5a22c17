using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ArazzoGen.Emit;

/// <summary>Turning document text into C# names and literals.</summary>
internal static class CSharp
{
    /// <summary>
    /// Generated code names the runtime through this alias, declared at the top of each generated file
    /// (<c>using Arazzo = global::ArazzoGen.Runtime;</c>): fully qualified, yet short enough to read.
    /// </summary>
    public const string Runtime = "Arazzo";

    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// <c>run-app-and-poll</c> → <c>RunAppAndPoll</c>; <c>wId</c> → <c>WId</c>; never empty, never a keyword.
    /// </summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_' && result.Length == 0)
            {
                result.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result.Insert(0, '_');
        }

        var text = result.ToString();
        return Keywords.Contains(text) ? "@" + text : text;
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text safe inside an XML doc comment, on one line.</summary>
    public static string XmlDoc(string text)
        => Comment(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// Text safe inside a <c>//</c> comment: every character C# reads as a line end (CR, LF, NEL, U+2028, U+2029)
    /// becomes a space, so document text can never end the comment and turn into code.
    /// </summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
