using System.Collections.Generic;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

/// <summary>
/// A recursive-descent parser for RFC 9535 JSONPath, written from the RFC's grammar. It rejects every query the RFC
/// does not allow, including queries that parse but are not well-typed, and says where. The generator runs it at
/// build time and the runtime before evaluating, so both read a query the same way.
/// </summary>
internal sealed partial class JsonPathParser
{
    /// <summary>The largest magnitude of an index or slice bound: I-JSON's exact integer range.</summary>
    private const long MaxInteger = 9007199254740991;

    private readonly string _text;
    private int _position;

    private JsonPathParser(string text, int position)
    {
        _text = text;
        _position = position;
    }

    /// <summary>Parses a whole query.</summary>
    /// <exception cref="JsonPathSyntaxException">The text is not a valid RFC 9535 query.</exception>
    public static Query Parse(string text)
    {
        var position = 0;
        var query = ParsePrefix(text, ref position);
        if (position < text.Length)
        {
            throw new JsonPathSyntaxException(
                IsBlank(text[position]) ? "blank space is not allowed here" : $"unexpected '{Excerpt(text, position)}'",
                position);
        }

        return query;
    }

    /// <summary>
    /// Parses the query that starts at <paramref name="position"/> as far as it goes and moves past it; for forms
    /// that put something after a query (a comparison outside a filter).
    /// </summary>
    public static Query ParsePrefix(string text, ref int position)
    {
        var parser = new JsonPathParser(text, position);
        if (!parser.Peek('$'))
        {
            throw parser.Error("a JSONPath query starts with '$'");
        }

        var query = parser.ParseQuery();
        position = parser._position;
        return query;
    }

    /// <summary>Parses the literal at <paramref name="position"/> and moves past it.</summary>
    public static ValueLiteral ParseLiteral(string text, ref int position)
    {
        var parser = new JsonPathParser(text, position);
        var literal = parser.TryParseLiteral() ?? throw parser.Error(
            "expected a literal: a quoted string, a number, true, false or null");
        position = parser._position;
        return literal;
    }

    /// <summary>Reads a comparison operator at <paramref name="position"/>, or returns null.</summary>
    public static string? ReadComparisonOperator(string text, ref int position)
    {
        foreach (var op in ComparisonOperators)
        {
            if (string.CompareOrdinal(text, position, op, 0, op.Length) == 0)
            {
                position += op.Length;
                return op;
            }
        }

        return null;
    }

    /// <summary>Blank space as RFC 9535 defines it: space, tab, line feed, carriage return.</summary>
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary><c>$</c> or <c>@</c>, then segments; blank space may come before each segment.</summary>
    private Query ParseQuery()
    {
        var relative = _text[_position] == '@';
        _position++;
        var segments = new List<Segment>();
        while (true)
        {
            var beforeBlank = _position;
            SkipBlank();
            if (Peek('[') || Peek('.'))
            {
                segments.Add(ParseSegment());
                continue;
            }

            // Blank space belongs to a segment only when one follows.
            _position = beforeBlank;
            return new Query(relative, segments);
        }
    }

    private Segment ParseSegment()
    {
        if (TryConsume(".."))
        {
            if (Peek('['))
            {
                return new Segment(IsDescendant: true, ParseBracketedSelection(out _), IsSingular: false);
            }

            return new Segment(IsDescendant: true, new[] { ParseShorthand("..") }, IsSingular: false);
        }

        if (TryConsume("."))
        {
            var selector = ParseShorthand(".");
            return new Segment(IsDescendant: false, new[] { selector }, IsSingular: selector is NameSelector);
        }

        var selectors = ParseBracketedSelection(out var tight);
        var singular = tight && selectors.Count == 1 && (selectors[0] is NameSelector or IndexSelector);
        return new Segment(IsDescendant: false, selectors, singular);
    }

    /// <summary>After <c>.</c> or <c>..</c>: <c>*</c> or a member name, with no blank space before it.</summary>
    private Selector ParseShorthand(string dots)
    {
        if (TryConsume("*"))
        {
            return new WildcardSelector();
        }

        var start = _position;
        if (!TryReadNameChar(first: true))
        {
            throw Error(_position < _text.Length && IsBlank(_text[_position])
                ? $"blank space is not allowed after '{dots}'"
                : $"expected a member name or '*' after '{dots}'");
        }

        while (TryReadNameChar(first: false))
        {
            // Each call has read one more character of the name.
        }

        return new NameSelector(_text.Substring(start, _position - start));
    }

    /// <summary>
    /// <c>[</c> selectors separated by commas <c>]</c>. <paramref name="tight"/> says whether no blank space stood
    /// inside the brackets, which a singular query requires.
    /// </summary>
    private List<Selector> ParseBracketedSelection(out bool tight)
    {
        var open = _position++;
        var selectors = new List<Selector>();
        tight = true;
        while (true)
        {
            tight &= !SkipBlank();
            selectors.Add(ParseSelector());
            tight &= !SkipBlank();
            if (TryConsume("]"))
            {
                return selectors;
            }

            if (!TryConsume(","))
            {
                throw _position >= _text.Length
                    ? new JsonPathSyntaxException("a '[' is not closed", open)
                    : Error($"expected ',' or ']' but found '{Rest()}'");
            }
        }
    }

    private Selector ParseSelector()
    {
        if (Peek('\'') || Peek('"'))
        {
            return new NameSelector(ReadString());
        }

        if (TryConsume("*"))
        {
            return new WildcardSelector();
        }

        if (Peek('?'))
        {
            _position++;
            SkipBlank();
            return new FilterSelector(ParseLogicalExpression());
        }

        var start = TryReadInteger();
        var afterStart = _position;
        SkipBlank();
        if (!Peek(':'))
        {
            _position = afterStart;
            return start is { } index ? new IndexSelector(index) : throw Error(
                "expected a selector: a quoted name, '*', an index, a slice or a filter '?'");
        }

        _position++;
        SkipBlank();
        var end = TryReadInteger();
        SkipBlank();
        long? step = null;
        if (TryConsume(":"))
        {
            SkipBlank();
            step = TryReadInteger();
        }

        return new SliceSelector(start, end, step);
    }

    /// <summary>An integer as RFC 9535 writes one: no leading zeros, no <c>-0</c>, within I-JSON's range.</summary>
    private long? TryReadInteger()
    {
        var start = _position;
        if (Peek('-'))
        {
            _position++;
        }

        var digits = _position;
        while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
        {
            _position++;
        }

        var count = _position - digits;
        if (count == 0)
        {
            if (digits > start)
            {
                throw new JsonPathSyntaxException("a '-' must be followed by digits", start);
            }

            return null;
        }

        if (_text[digits] == '0' && (count > 1 || digits > start))
        {
            throw new JsonPathSyntaxException(
                digits > start ? "-0 is not an integer here" : "an integer has no leading zeros",
                start);
        }

        // More than 16 digits is beyond 2^53 - 1 whatever they are, and would overflow the parse.
        var value = count > 16
            ? long.MaxValue
            : long.Parse(_text.Substring(digits, count), System.Globalization.CultureInfo.InvariantCulture);
        if (value > MaxInteger)
        {
            throw new JsonPathSyntaxException("the integer is outside the range -(2^53-1) to 2^53-1", start);
        }

        return digits > start ? -value : value;
    }

    /// <summary>
    /// A member-name-shorthand character: a letter, '_', a digit (not first) or any non-ASCII character outside the
    /// surrogate range, where a surrogate pair counts as one character.
    /// </summary>
    private bool TryReadNameChar(bool first)
    {
        if (_position >= _text.Length)
        {
            return false;
        }

        var c = _text[_position];
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' || (!first && c is >= '0' and <= '9'))
        {
            _position++;
            return true;
        }

        if (c < 0x80)
        {
            return false;
        }

        if (char.IsHighSurrogate(c))
        {
            if (_position + 1 < _text.Length && char.IsLowSurrogate(_text[_position + 1]))
            {
                _position += 2;
                return true;
            }

            throw Error("a lone surrogate is not a character");
        }

        if (char.IsLowSurrogate(c))
        {
            throw Error("a lone surrogate is not a character");
        }

        _position++;
        return true;
    }

    private bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    /// <summary>Skips blank space; says whether there was any.</summary>
    private bool SkipBlank()
    {
        var start = _position;
        while (_position < _text.Length && IsBlank(_text[_position]))
        {
            _position++;
        }

        return _position > start;
    }

    private string Rest() => Excerpt(_text, _position);

    /// <summary>Up to 20 characters of the text from <paramref name="position"/>, for messages.</summary>
    private static string Excerpt(string text, int position) => position >= text.Length
        ? string.Empty
        : text.Substring(position, System.Math.Min(20, text.Length - position));

    private JsonPathSyntaxException Error(string message) => new(
        _position >= _text.Length ? "the query ends too early: " + message : message,
        _position);
}
