using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ArazzoGen.Emit;

/// <summary>
/// A minimal indented writer: generated code is text, never syntax trees. A code line longer than
/// <see cref="MaxWidth"/> is broken at the arguments of its outermost call, or at its top-level
/// <c>&amp;&amp;</c> / <c>||</c>, one part per line, so generated code reads well side by side.
/// </summary>
internal sealed class SourceWriter
{
    public const int MaxWidth = 120;

    private readonly StringBuilder _builder = new(8 * 1024);
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return;
        }

        foreach (var line in Wrap(text, _indent * 4))
        {
            _builder.Append(line).Append('\n');
        }
    }

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Moves the indentation by <paramref name="levels"/> (negative to go back).</summary>
    public void Indent(int levels) => _indent += levels;

    public override string ToString() => _builder.ToString();

    private static IEnumerable<string> Wrap(string text, int indent)
    {
        var pad = new string(' ', indent);
        if (indent + text.Length <= MaxWidth || text.StartsWith("//", System.StringComparison.Ordinal))
        {
            yield return pad + text;
            yield break;
        }

        // Continuation lines go one level deeper than the line itself, leading spaces included.
        var inner = indent + (text.Length - text.TrimStart(' ').Length) + 4;
        foreach (var accessors in new[] { " { get; init; }", " { get; set; }" })
        {
            // A property with a long type: its accessors go on the next line.
            if (text.EndsWith(accessors, System.StringComparison.Ordinal))
            {
                yield return pad + text.Substring(0, text.Length - accessors.Length);
                yield return new string(' ', inner) + accessors.Substring(1);
                yield break;
            }
        }

        if (!TrySplit(text, out var head, out var parts, out var tail, out var commas))
        {
            foreach (var line in SplitLiteral(text, pad, new string(' ', inner)))
            {
                yield return line;
            }

            yield break;
        }

        yield return pad + head;
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            var part = parts[i] + (last ? tail : commas ? "," : string.Empty);
            foreach (var line in Wrap(part, inner))
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// A line that cannot be broken at its code, broken inside its longest string literal instead: the literal
    /// becomes a concatenation, one piece per line (a long criterion or JSONPath query). Escapes stay whole.
    /// </summary>
    private static IEnumerable<string> SplitLiteral(string text, string pad, string innerPad)
    {
        if (LongestLiteral(text) is not ({ } open, { } close) || close - open < 16)
        {
            return new[] { pad + text };
        }

        var head = text.Substring(0, open);
        var tail = text.Substring(close + 1);
        var firstWidth = MaxWidth - pad.Length - head.Length - 4;
        if (close - open - 1 <= firstWidth)
        {
            // The literal fits beside its head and only the code after it overflows: break the literal half way,
            // or the loop below would never start a line with the head.
            firstWidth = (close - open - 1) / 2;
        }

        var width = MaxWidth - innerPad.Length - System.Math.Max(4, tail.Length + 2);
        var lines = new List<string>();
        var piece = new StringBuilder();
        var i = open + 1;
        while (i < close)
        {
            var token = text[i] != '\\' ? 1 : text[i + 1] == 'u' ? 6 : 2;
            var limit = lines.Count == 0 ? firstWidth : width;
            if (piece.Length + token > limit && (piece.Length > 0 || lines.Count == 0))
            {
                // Break after a space near the end when there is one, so that words stay whole.
                var space = piece.ToString().LastIndexOf(' ');
                var keep = space >= 0 && space >= piece.Length - 24 ? space + 1 : piece.Length;
                var start = lines.Count == 0 ? pad + head : innerPad;
                lines.Add(start + "\"" + piece.ToString(0, keep) + "\" +");
                piece.Remove(0, keep);
                continue;
            }

            piece.Append(text, i, token);
            i += token;
        }

        if (lines.Count == 0)
        {
            // The literal fits on the first line: the length is elsewhere, and splitting the literal cannot help.
            return new[] { pad + text };
        }

        lines.Add(innerPad + "\"" + piece + "\"" + tail);
        return lines;
    }

    /// <summary>The quotes that open and close the longest regular string literal of a line, if it has one.</summary>
    private static (int? Open, int? Close) LongestLiteral(string text)
    {
        (int? Open, int? Close) longest = (null, null);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                continue;
            }

            var verbatim = i > 0 && text[i - 1] is '@' or '$';
            var end = i + 1;
            while (end < text.Length && text[end] != '"')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            if (end < text.Length && !verbatim && (longest.Open is null || end - i > longest.Close - longest.Open))
            {
                longest = (i, end);
            }

            i = end;
        }

        return longest;
    }

    /// <summary>
    /// Splits <c>head(part, part, …)tail</c> where the parentheses close at the end of the line, or
    /// <c>head(a &amp;&amp; b)tail</c> at its top-level logical operators (which then start the following lines).
    /// </summary>
    private static bool TrySplit(string text, out string head, out List<string> parts, out string tail, out bool commas)
    {
        head = tail = string.Empty;
        parts = new List<string>();
        commas = false;
        foreach (var open in OpeningParentheses(text))
        {
            var close = Matching(text, open);
            if (close < 0 || !IsClosingTail(text.Substring(close + 1)))
            {
                continue;
            }

            var inner = text.Substring(open + 1, close - open - 1);
            var arguments = SplitTopLevel(inner, ",", keepSeparator: false);
            if (arguments.Count > 1)
            {
                head = text.Substring(0, open + 1);
                tail = text.Substring(close);
                parts = arguments;
                commas = true;
                return true;
            }

            var terms = SplitTopLevel(inner, "||", keepSeparator: true);
            if (terms.Count <= 1)
            {
                terms = SplitTopLevel(inner, "&&", keepSeparator: true);
            }

            if (terms.Count > 1)
            {
                head = text.Substring(0, open + 1);
                tail = text.Substring(close);
                parts = terms;
                return true;
            }
        }

        return false;
    }

    private static bool IsClosingTail(string tail)
    {
        // An awaited call ends in ConfigureAwait; the call before it is still the one to break.
        tail = tail.Replace(".ConfigureAwait(false)", string.Empty);

        foreach (var c in tail)
        {
            if (c is not (')' or ';' or ',' or ' ' or '{'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The characters of <paramref name="text"/> that are code: string literal contents are skipped.</summary>
    private static IEnumerable<(int Index, char Char)> Code(string text)
    {
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else
            {
                yield return (i, c);
            }
        }
    }

    private static List<int> OpeningParentheses(string text)
        => Code(text).Where(c => c.Char == '(').Select(c => c.Index).ToList();

    private static int Matching(string text, int open)
    {
        var depth = 0;
        foreach (var (i, c) in Code(text))
        {
            if (i < open)
            {
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return c == ')' ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>Splits at <paramref name="separator"/> outside strings and brackets; parts are trimmed.</summary>
    private static List<string> SplitTopLevel(string text, string separator, bool keepSeparator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var skipUntil = -1;
        foreach (var (i, c) in Code(text))
        {
            if (i < skipUntil)
            {
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(text.Substring(start, i - start).Trim());
                start = keepSeparator ? i : i + separator.Length;
                skipUntil = i + separator.Length;
            }
        }

        parts.Add(text.Substring(start).Trim());
        return parts;
    }
}
