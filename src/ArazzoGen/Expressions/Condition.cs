using System;
using System.Collections.Generic;
using System.Globalization;

namespace ArazzoGen.Expressions;

// The syntax tree of a criterion's condition: simple conditions and JSONPath filter expressions share it.

internal abstract record ConditionNode(int Offset);

internal enum LiteralKind
{
    String,
    Number,
    Boolean,
    Null,
}

internal sealed record LiteralOperand(LiteralKind Kind, string Value, int Offset) : ConditionNode(Offset);

/// <summary>A runtime expression operand of a simple condition.</summary>
internal sealed record ExpressionOperand(RuntimeExpression Expression, int Offset) : ConditionNode(Offset);

/// <summary>
/// A singular JSONPath query: <c>@</c> (relative to the filter's current node) or <c>$</c> (the root), then names and
/// indexes.
/// </summary>
internal sealed record PathOperand(bool Relative, IReadOnlyList<Accessor> Segments, int Offset) : ConditionNode(Offset);

internal sealed record Comparison(string Operator, ConditionNode Left, ConditionNode Right, int Offset)
    : ConditionNode(Offset);

internal sealed record Not(ConditionNode Operand, int Offset) : ConditionNode(Offset);

internal sealed record Logical(string Operator, ConditionNode Left, ConditionNode Right, int Offset)
    : ConditionNode(Offset);

/// <summary>A condition that could not be parsed: the message and the offset in the condition string.</summary>
internal sealed class ConditionSyntaxException : Exception
{
    public ConditionSyntaxException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public int Offset { get; }
}

/// <summary>
/// A recursive-descent parser over the condition grammar. Precedence from high to low: <c>!</c>, the comparisons,
/// <c>&amp;&amp;</c>, <c>||</c>; parentheses group. In JSONPath mode operands are singular queries
/// (<c>@.a.b</c>, <c>$['a'][0]</c>) instead of runtime expressions.
/// </summary>
internal sealed class ConditionParser
{
    private static readonly (string Word, LiteralKind Kind)[] Keywords =
    {
        ("true", LiteralKind.Boolean), ("false", LiteralKind.Boolean), ("null", LiteralKind.Null),
    };

    private static readonly string[] ComparisonOperators = { "==", "!=", "<=", ">=", "<", ">" };

    private readonly string _text;
    private readonly bool _jsonPath;
    private int _position;

    private ConditionParser(string text, bool jsonPath, int start)
    {
        _text = text;
        _jsonPath = jsonPath;
        _position = start;
    }

    /// <summary>
    /// Literals written in double quotes, which simple conditions accept but the spec does not define.
    /// </summary>
    public List<int> DoubleQuotedLiterals { get; } = new();

    /// <summary>Parses a simple condition (operands are runtime expressions).</summary>
    public static ConditionNode ParseSimple(string text, out ConditionParser parser)
    {
        parser = new ConditionParser(text, jsonPath: false, 0);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (parser._position < text.Length)
        {
            throw new ConditionSyntaxException($"unexpected '{text.Substring(parser._position)}'", parser._position);
        }

        return node;
    }

    /// <summary>
    /// Parses a JSONPath logical expression from <paramref name="start"/> up to <paramref name="end"/>.
    /// </summary>
    public static ConditionNode ParseFilter(string text, int start, int end)
    {
        var parser = new ConditionParser(text.Substring(0, end), jsonPath: true, start);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (parser._position < end)
        {
            throw new ConditionSyntaxException(
                $"unexpected '{text.Substring(parser._position, end - parser._position)}'",
                parser._position);
        }

        return node;
    }

    /// <summary>Parses a singular query (<c>$.a['b'][0]</c>) at <paramref name="position"/>.</summary>
    public static PathOperand ParseSingularQuery(string text, ref int position)
    {
        var parser = new ConditionParser(text, jsonPath: true, position);
        var operand = parser.ParsePath();
        position = parser._position;
        return operand;
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

    /// <summary>
    /// Reads a literal at <paramref name="position"/>: a quoted string, a number, true, false or null.
    /// </summary>
    public static LiteralOperand ParseLiteralAt(string text, ref int position)
    {
        var parser = new ConditionParser(text, jsonPath: true, position);
        var literal = parser.ParseLiteral() ?? throw new ConditionSyntaxException("expected a literal", position);
        position = parser._position;
        return literal;
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (TryConsume("||"))
        {
            var offset = _position - 2;
            left = new Logical("||", left, ParseAnd(), offset);
        }

        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseComparison();
        while (TryConsume("&&"))
        {
            var offset = _position - 2;
            left = new Logical("&&", left, ParseComparison(), offset);
        }

        return left;
    }

    private ConditionNode ParseComparison()
    {
        var left = ParseUnary();
        SkipSpace();
        var offset = _position;
        var op = ReadComparisonOperator(_text, ref _position);
        if (op is null)
        {
            return left;
        }

        return new Comparison(op, left, ParseUnary(), offset);
    }

    private ConditionNode ParseUnary()
    {
        SkipSpace();
        var offset = _position;
        if (Peek('!') && !PeekAt(1, '='))
        {
            _position++;
            return new Not(ParseUnary(), offset);
        }

        return ParsePrimary();
    }

    private ConditionNode ParsePrimary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw new ConditionSyntaxException("the condition ends where an operand was expected", _position);
        }

        var offset = _position;
        if (TryConsume("("))
        {
            var inner = ParseOr();
            if (!TryConsume(")"))
            {
                throw new ConditionSyntaxException("a '(' is not closed", offset);
            }

            return inner;
        }

        if (_jsonPath && (Peek('@') || Peek('$')))
        {
            return ParsePath();
        }

        if (!_jsonPath && Peek('$'))
        {
            var expression = RuntimeExpressionParser.Parse(
                _text,
                _position,
                out var end,
                out var error,
                out var errorOffset);
            if (expression is null)
            {
                throw new ConditionSyntaxException(error ?? "malformed runtime expression", errorOffset);
            }

            _position = end;
            return new ExpressionOperand(expression, offset);
        }

        return ParseLiteral() ?? throw new ConditionSyntaxException(
            _jsonPath
                ? "expected a query (@ or $), a literal or '('"
                : "expected a runtime expression ($...), a literal ('text', a number, true, false, null) or '('",
            offset);
    }

    private LiteralOperand? ParseLiteral()
    {
        var offset = _position;
        if (Peek('\'') || Peek('"'))
        {
            var quote = _text[_position];
            if (quote == '"' && !_jsonPath)
            {
                DoubleQuotedLiterals.Add(offset);
            }

            return new LiteralOperand(LiteralKind.String, ReadQuoted(quote), offset);
        }

        foreach (var (word, kind) in Keywords)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) == 0
                && (_position + word.Length == _text.Length || !char.IsLetterOrDigit(_text[_position + word.Length])))
            {
                _position += word.Length;
                return new LiteralOperand(kind, word, offset);
            }
        }

        var start = _position;
        if (Peek('-'))
        {
            _position++;
        }

        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
                   || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var number = _text.Substring(start, _position - start);
        if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return new LiteralOperand(LiteralKind.Number, number, offset);
        }

        _position = start;
        return null;
    }

    private string ReadQuoted(char quote)
    {
        var offset = _position;
        _position++;
        var value = new System.Text.StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                // '' inside a single-quoted string is one quote (the simple-condition escape).
                if (!_jsonPath && _position < _text.Length && _text[_position] == quote)
                {
                    value.Append(quote);
                    _position++;
                    continue;
                }

                return value.ToString();
            }

            if (c == '\\' && _jsonPath && _position < _text.Length)
            {
                value.Append(Unescape(_text[_position++], offset));
                continue;
            }

            value.Append(c);
        }

        throw new ConditionSyntaxException("a string literal is not closed", offset);
    }

    private string Unescape(char c, int offset)
    {
        switch (c)
        {
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case '/': return "/";
            case '\\': return "\\";
            case '\'': return "'";
            case '"': return "\"";
            case 'u' when _position + 4 <= _text.Length
                          && int.TryParse(
                              _text.Substring(_position, 4),
                              NumberStyles.HexNumber,
                              CultureInfo.InvariantCulture,
                              out var code):
                _position += 4;
                return ((char)code).ToString();
            default:
                throw new ConditionSyntaxException($"unknown escape '\\{c}'", offset);
        }
    }

    private PathOperand ParsePath()
    {
        var offset = _position;
        var relative = _text[_position] == '@';
        _position++;
        var segments = new List<Accessor>();
        while (_position < _text.Length)
        {
            if (Peek('.') && _position + 1 < _text.Length && IsNameStart(_text[_position + 1]))
            {
                var start = ++_position;
                while (_position < _text.Length && IsNameChar(_text[_position]))
                {
                    _position++;
                }

                segments.Add(new Accessor(_text.Substring(start, _position - start), null));
            }
            else if (Peek('['))
            {
                var bracket = _position++;
                SkipSpace();
                if (Peek('\'') || Peek('"'))
                {
                    segments.Add(new Accessor(ReadQuoted(_text[_position]), null));
                }
                else
                {
                    var start = _position;
                    if (Peek('-'))
                    {
                        _position++;
                    }

                    while (_position < _text.Length && char.IsDigit(_text[_position]))
                    {
                        _position++;
                    }

                    if (!int.TryParse(_text.Substring(start, _position - start), NumberStyles.AllowLeadingSign,
                            CultureInfo.InvariantCulture, out var index))
                    {
                        throw new UnsupportedJsonPathException(
                            "selectors other than a name or an index (wildcards, slices, filters, unions)", bracket);
                    }

                    segments.Add(new Accessor(null, index));
                }

                SkipSpace();
                if (!TryConsume("]"))
                {
                    throw new ConditionSyntaxException("a '[' is not closed", bracket);
                }
            }
            else if (Peek('.') && (PeekAt(1, '.') || PeekAt(1, '*')))
            {
                throw new UnsupportedJsonPathException("descendant segments and wildcards", _position);
            }
            else
            {
                break;
            }
        }

        return new PathOperand(relative, segments, offset);
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c > 0x7F;

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 0x7F;

    private bool TryConsume(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private bool PeekAt(int ahead, char c) => _position + ahead < _text.Length && _text[_position + ahead] == c;

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}

/// <summary>A JSONPath construct that is valid RFC 9535 but beyond what this release compiles.</summary>
internal sealed class UnsupportedJsonPathException : Exception
{
    public UnsupportedJsonPathException(string what, int offset)
        : base(what)
    {
        Offset = offset;
    }

    public int Offset { get; }
}
