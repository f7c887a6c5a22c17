using System;
using System.Collections.Generic;
using System.Globalization;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Expressions;

/// <summary>The source a runtime expression reads, per the Arazzo ABNF.</summary>
internal enum ExpressionSource
{
    Url,
    Method,
    StatusCode,
    Request,
    Response,
    Inputs,
    Outputs,
    Steps,
    Workflows,
    SourceDescriptions,
    Components,
}

/// <summary>A <c>.name</c> or <c>[index]</c> after an expression, as in <c>$response.body.data[0].id</c>.</summary>
internal sealed record Accessor(string? Name, int? Index);

/// <summary>
/// A parsed runtime expression. <see cref="Names"/> are the dot-separated names after the source
/// (<c>$steps.a.outputs.b</c> gives a, outputs, b); <see cref="Pointer"/> is the JSON Pointer after <c>#</c>.
/// </summary>
internal sealed record RuntimeExpression(
    ExpressionSource Source,
    EquatableArray<string> Names,
    string? Pointer,
    EquatableArray<Accessor> Navigation,
    string Text);

/// <summary>Parses runtime expressions (ABNF of Arazzo 1.0.1 §4.8.20) at build time.</summary>
internal static class RuntimeExpressionParser
{
    private static readonly (string Prefix, ExpressionSource Source, bool HasNames)[] Sources =
    {
        ("$url", ExpressionSource.Url, false),
        ("$method", ExpressionSource.Method, false),
        ("$statusCode", ExpressionSource.StatusCode, false),
        ("$request.", ExpressionSource.Request, true),
        ("$response.", ExpressionSource.Response, true),
        ("$inputs.", ExpressionSource.Inputs, true),
        ("$outputs.", ExpressionSource.Outputs, true),
        ("$steps.", ExpressionSource.Steps, true),
        ("$workflows.", ExpressionSource.Workflows, true),
        ("$sourceDescriptions.", ExpressionSource.SourceDescriptions, true),
        ("$components.", ExpressionSource.Components, true),
    };

    /// <summary>
    /// True when <paramref name="text"/> at <paramref name="start"/> begins with a known expression source.
    /// </summary>
    public static bool StartsExpression(string text, int start)
    {
        foreach (var (prefix, _, hasNames) in Sources)
        {
            if (string.CompareOrdinal(text, start, prefix, 0, prefix.Length) == 0
                && (hasNames || start + prefix.Length == text.Length || !IsNameChar(text[start + prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses the expression that starts at <paramref name="start"/> and ends at the first character that cannot
    /// continue it (whitespace, <c>}</c>, an operator). Returns null with <paramref name="error"/> set when it is
    /// malformed.
    /// </summary>
    public static RuntimeExpression? Parse(string text, int start, out int end, out string? error, out int errorOffset)
    {
        end = start;
        error = null;
        errorOffset = start;
        foreach (var (prefix, source, hasNames) in Sources)
        {
            if (string.CompareOrdinal(text, start, prefix, 0, prefix.Length) != 0)
            {
                continue;
            }

            var position = start + prefix.Length;
            if (!hasNames)
            {
                if (position < text.Length && IsNameChar(text[position]))
                {
                    continue;
                }

                end = position;
                return new RuntimeExpression(source, EquatableArray<string>.Empty, null, EquatableArray<Accessor>.Empty,
                    text.Substring(start, end - start));
            }

            var names = new List<string>();
            while (true)
            {
                var nameStart = position;
                while (position < text.Length && IsNameChar(text[position]))
                {
                    position++;
                }

                if (position == nameStart)
                {
                    error = names.Count == 0 ? $"a name must follow '{prefix}'" : "a name must follow '.'";
                    errorOffset = position;
                    return null;
                }

                names.Add(text.Substring(nameStart, position - nameStart));

                // Past $response.body / $request.body a '.' starts navigation, not another name.
                if (position < text.Length && text[position] == '.' && !IsBody(source, names))
                {
                    position++;
                    continue;
                }

                break;
            }

            string? pointer = null;
            if (position < text.Length && text[position] == '#')
            {
                var pointerStart = ++position;
                while (position < text.Length && !IsTerminator(text[position]))
                {
                    position++;
                }

                pointer = text.Substring(pointerStart, position - pointerStart);
                if (pointer.Length > 0 && pointer[0] != '/')
                {
                    error = "a JSON Pointer after '#' must start with '/'";
                    errorOffset = pointerStart;
                    return null;
                }
            }

            var navigation = ParseNavigation(text, ref position, out error, out errorOffset);
            if (error is not null)
            {
                return null;
            }

            end = position;
            return new RuntimeExpression(source, names.ToEquatableArray(), pointer, navigation,
                text.Substring(start, end - start));
        }

        error = "it does not start with a known source ($url, $method, $statusCode, $request., $response., $inputs., "
                + "$outputs., $steps., $workflows., $sourceDescriptions. or $components.)";
        errorOffset = start;
        return null;
    }

    /// <summary>Parses a whole string as one expression; trailing text is an error.</summary>
    public static RuntimeExpression? ParseWhole(string text, out string? error, out int errorOffset)
    {
        var expression = Parse(text, 0, out var end, out error, out errorOffset);
        if (expression is not null && end != text.Length)
        {
            error = $"unexpected '{text.Substring(end)}' after the expression";
            errorOffset = end;
            return null;
        }

        return expression;
    }

    private static EquatableArray<Accessor> ParseNavigation(
        string text,
        ref int position,
        out string? error,
        out int errorOffset)
    {
        error = null;
        errorOffset = position;
        var accessors = new List<Accessor>();
        while (position < text.Length)
        {
            if (text[position] == '.' && position + 1 < text.Length && IsNameChar(text[position + 1]))
            {
                var nameStart = ++position;
                while (position < text.Length && IsNameChar(text[position]))
                {
                    position++;
                }

                accessors.Add(new Accessor(text.Substring(nameStart, position - nameStart), null));
            }
            else if (text[position] == '[')
            {
                var close = text.IndexOf(']', position);
                var inner = close < 0 ? string.Empty : text.Substring(position + 1, close - position - 1);
                if (!int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    error = "'[' must hold an integer index and a closing ']'";
                    errorOffset = position;
                    return EquatableArray<Accessor>.Empty;
                }

                accessors.Add(new Accessor(null, index));
                position = close + 1;
            }
            else
            {
                break;
            }
        }

        return accessors.ToEquatableArray();
    }

    private static bool IsBody(ExpressionSource source, List<string> names)
        => (source == ExpressionSource.Response || source == ExpressionSource.Request)
           && names.Count == 1 && names[0] == "body";

    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';

    private static bool IsTerminator(char c)
        => char.IsWhiteSpace(c) || c is '}' or ')' or '=' or '!' or '<' or '>' or '&' or '|' or ',' or '\'' or '"';
}

/// <summary>RFC 6901 JSON Pointer syntax, checked at build time wherever a document writes a pointer.</summary>
internal static class JsonPointerSyntax
{
    /// <summary>
    /// The index of the first <c>~</c> not followed by <c>0</c> or <c>1</c>, the only escapes RFC 6901 has; -1 when
    /// there is none. Such a pointer selects nothing a reader could agree on, so it is an error, not a miss.
    /// </summary>
    public static int BadEscape(string pointer)
    {
        for (var i = 0; i < pointer.Length; i++)
        {
            if (pointer[i] == '~' && (i + 1 == pointer.Length || pointer[i + 1] is not ('0' or '1')))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What a diagnostic says about a bad escape.</summary>
    public const string BadEscapeMessage = "a '~' in a JSON Pointer must be followed by 0 or 1 (RFC 6901: '~0' is '~', "
                                           + "'~1' is '/')";
}
