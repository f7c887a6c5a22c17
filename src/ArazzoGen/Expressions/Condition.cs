using System;
using System.Collections.Generic;
using System.Globalization;

namespace ArazzoGen.Expressions;

// The syntax tree of a simple condition. JSONPath criteria have their own parser (ArazzoGen.JsonPath, shared
// with the runtime).

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
/// <c>&amp;&amp;</c>, <c>||</c>; parentheses group. Operands are runtime expressions and literals.
/// </summary>
internal sealed class ConditionParser
{
    private static readonly (string Word, LiteralKind Kind)[] Keywords =
    {
        ("true", LiteralKind.Boolean), ("false", LiteralKind.Boolean), ("null", LiteralKind.Null),
    };

    private static readonly string[] ComparisonOperators = { "==", "!=", "<=", ">=", "<", ">" };

    private readonly string _text;
    private int _position;

    /// <summary>
    /// More <c>&amp;&amp;</c> and <c>||</c> operators than this in one condition are refused: written criteria
    /// are a few terms, and a condition of thousands (all of a workflow's checks in one line, or a document made to
    /// stall the build) would compile to C# nested as deep, slowly and with a risk to the compiler's stack. Several
    /// criteria all must hold.
    /// </summary>
    public const int MaxLogicalOperators = 100;

    /// <summary>Parentheses and negations nested deeper than this are refused, for the same reason.</summary>
    public const int MaxNesting = 32;

    private int _logicalOperators;
    private int _nesting;

    private ConditionParser(string text) => _text = text;

    /// <summary>
    /// Literals written in double quotes, which simple conditions accept but the spec does not define.
    /// </summary>
    public List<int> DoubleQuotedLiterals { get; } = new();

    /// <summary>Parses a simple condition (operands are runtime expressions).</summary>
    public static ConditionNode ParseSimple(string text, out ConditionParser parser)
    {
        parser = new ConditionParser(text);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (parser._position < text.Length)
        {
            throw new ConditionSyntaxException($"unexpected '{text.Substring(parser._position)}'", parser._position);
        }

        return node;
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (TryConsume("||"))
        {
            var offset = _position - 2;
            CountLogical(offset);
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
            CountLogical(offset);
            left = new Logical("&&", left, ParseComparison(), offset);
        }

        return left;
    }

    private static string? ReadComparisonOperator(string text, ref int position)
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

    private void CountLogical(int offset)
    {
        if (++_logicalOperators > MaxLogicalOperators)
        {
            throw new ConditionSyntaxException(
                $"it joins more than {MaxLogicalOperators} terms with && or ||; "
                + "write separate criteria (all must hold)",
                offset);
        }
    }

    private void Nest(int offset)
    {
        if (++_nesting > MaxNesting)
        {
            throw new ConditionSyntaxException(
                $"parentheses and negations nest more than {MaxNesting} levels deep", offset);
        }
    }

    private ConditionNode ParseUnary()
    {
        SkipSpace();
        var offset = _position;
        if (Peek('!') && !PeekAt(1, '='))
        {
            _position++;
            Nest(offset);
            var operand = ParseUnary();
            _nesting--;
            return new Not(operand, offset);
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
            Nest(offset);
            var inner = ParseOr();
            if (!TryConsume(")"))
            {
                throw new ConditionSyntaxException("a '(' is not closed", offset);
            }

            _nesting--;
            return inner;
        }

        if (Peek('$'))
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
            "expected a runtime expression ($...), a literal ('text', a number, true, false, null) or '('",
            offset);
    }

    private LiteralOperand? ParseLiteral()
    {
        var offset = _position;
        if (Peek('\'') || Peek('"'))
        {
            var quote = _text[_position];
            if (quote == '"')
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
                if (_position < _text.Length && _text[_position] == quote)
                {
                    value.Append(quote);
                    _position++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }

        throw new ConditionSyntaxException("a string literal is not closed", offset);
    }

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
