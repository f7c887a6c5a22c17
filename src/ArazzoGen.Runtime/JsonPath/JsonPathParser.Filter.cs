using System.Collections.Generic;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

// Filter expressions (RFC 9535, section 2.3.5) and the type rules of function extensions (section 2.4.3).
// Precedence from high to low: '!', comparisons, '&&', '||'; parentheses group.
internal sealed partial class JsonPathParser
{
    /// <summary>Deeper nesting is refused: the parser recurses, and it runs inside the compiler.</summary>
    private const int MaxDepth = 64;

    private int _depth;

    private LogicalExpression ParseLogicalExpression()
    {
        Enter();
        var left = ParseAnd();
        while (TryConsumeOperator("||") is { } offset)
        {
            left = new OrExpression(left, ParseAnd(), offset);
        }

        _depth--;
        return left;
    }

    private LogicalExpression ParseAnd()
    {
        var left = ParseBasic();
        while (TryConsumeOperator("&&") is { } offset)
        {
            left = new AndExpression(left, ParseBasic(), offset);
        }

        return left;
    }

    /// <summary>Blank space, <paramref name="op"/> and blank space; the operator's offset, or null.</summary>
    private int? TryConsumeOperator(string op)
    {
        var before = _position;
        SkipBlank();
        var offset = _position;
        if (!TryConsume(op))
        {
            _position = before;
            return null;
        }

        SkipBlank();
        return offset;
    }

    /// <summary>A parenthesized expression, a comparison or a test, negated where the RFC allows it.</summary>
    private LogicalExpression ParseBasic()
    {
        var offset = _position;
        if (Peek('!'))
        {
            _position++;
            SkipBlank();
            if (Peek('('))
            {
                return new NotExpression(ParseParenthesized(), offset);
            }

            var test = Test(ParseOperand());
            if (PeekComparison())
            {
                throw Error("'!' negates only a query or a function; write !(a == b) to negate a comparison");
            }

            return new NotExpression(test, offset);
        }

        if (Peek('('))
        {
            return ParseParenthesized();
        }

        var left = ParseOperand();
        var before = _position;
        SkipBlank();
        var operatorOffset = _position;
        var op = ReadComparisonOperator(_text, ref _position);
        if (op is null)
        {
            _position = before;
            return Test(left);
        }

        SkipBlank();
        var right = ParseOperand();
        Comparable(left);
        Comparable(right);
        if (PeekComparison())
        {
            throw Error("comparisons cannot be chained; join them with && or ||");
        }

        return new ComparisonExpression(op, left, right, operatorOffset);
    }

    private LogicalExpression ParseParenthesized()
    {
        var open = _position++;
        SkipBlank();
        var inner = ParseLogicalExpression();
        SkipBlank();
        if (!TryConsume(")"))
        {
            throw _position >= _text.Length
                ? new JsonPathSyntaxException("a '(' is not closed", open)
                : Error($"expected ')' but found '{Rest()}'");
        }

        return inner;
    }

    private bool PeekComparison()
    {
        var position = _position;
        while (position < _text.Length && IsBlank(_text[position]))
        {
            position++;
        }

        return ReadComparisonOperator(_text, ref position) is not null;
    }

    /// <summary>A query (<c>@…</c>, <c>$…</c>), a function expression or a literal.</summary>
    private FilterOperand ParseOperand()
    {
        var offset = _position;
        if (Peek('@') || Peek('$'))
        {
            return new FilterQuery(ParseQuery(), offset);
        }

        if (_position < _text.Length && _text[_position] is >= 'a' and <= 'z')
        {
            var end = _position;
            while (end < _text.Length && _text[end] is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                end++;
            }

            var name = _text.Substring(_position, end - _position);
            if (end < _text.Length && _text[end] == '(')
            {
                return ParseFunction(name);
            }

            if (name is not ("true" or "false" or "null"))
            {
                throw Error($"'{name}' is not a literal, a query or a function call");
            }
        }

        return TryParseLiteral() ?? throw Error(
            "expected a query (@ or $), a literal, a function call, '!' or '('");
    }

    private FunctionExpression ParseFunction(string name)
    {
        var offset = _position;
        var function = FunctionDefinition.Find(name) ?? throw Error(
            $"unknown function '{name}'; RFC 9535 defines length, count, match, search and value");
        Enter();
        _position += name.Length + 1;
        SkipBlank();
        var arguments = new List<FilterNode>();
        var starts = new List<int>();
        while (!Peek(')'))
        {
            starts.Add(_position);
            arguments.Add(ParseArgument());
            SkipBlank();
            if (!TryConsume(","))
            {
                break;
            }

            SkipBlank();
        }

        if (!TryConsume(")"))
        {
            throw Error($"expected ',' or ')' in the call of {name}()");
        }

        if (arguments.Count != function.Parameters.Count)
        {
            throw new JsonPathSyntaxException(
                $"{name}() takes {function.Parameters.Count} argument(s), not {arguments.Count}",
                offset);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            CheckArgument(function, i, arguments[i], starts[i]);
        }

        _depth--;
        return new FunctionExpression(function, arguments, offset);
    }

    /// <summary>
    /// A literal, a query or a function call standing alone, else a logical expression: the RFC's
    /// <c>function-argument</c>. Which of them it is decides its type.
    /// </summary>
    private FilterNode ParseArgument()
    {
        var start = _position;
        if (!Peek('(') && !Peek('!'))
        {
            var operand = ParseOperand();
            var end = _position;
            SkipBlank();
            if (Peek(',') || Peek(')'))
            {
                _position = end;
                return operand;
            }

            _position = start;
        }

        return ParseLogicalExpression();
    }

    /// <summary>A test-expr: a query (does it select a node?) or a function whose result is logical or nodes.</summary>
    private static TestExpression Test(FilterOperand subject)
    {
        switch (subject)
        {
            case ValueLiteral:
                throw new JsonPathSyntaxException("a literal is not a test; compare it with something", subject.Offset);
            case FunctionExpression { Function.Result: FunctionType.Value } call:
                throw new JsonPathSyntaxException(
                    $"{call.Function.Name}() gives a value, which is not a test; compare it with something",
                    subject.Offset);
            default:
                return new TestExpression(subject, subject.Offset);
        }
    }

    /// <summary>A comparable: a literal, a singular query or a function whose result is a value.</summary>
    private static void Comparable(FilterOperand operand)
    {
        switch (operand)
        {
            case FilterQuery { Query.IsSingular: false }:
                throw new JsonPathSyntaxException(
                    "only a singular query (names and indexes, no wildcards, slices, filters or '..') can be compared",
                    operand.Offset);
            case FunctionExpression { Function.Result: not FunctionType.Value } call:
                throw new JsonPathSyntaxException(
                    $"{call.Function.Name}() gives a logical result, which cannot be compared",
                    operand.Offset);
        }
    }

    /// <summary>Whether an argument is well-typed for its parameter (RFC 9535, section 2.4.3).</summary>
    private static void CheckArgument(FunctionDefinition function, int index, FilterNode argument, int start)
    {
        var expected = function.Parameters[index];
        var ok = expected switch
        {
            FunctionType.Value => argument is ValueLiteral or FilterQuery { Query.IsSingular: true }
                or FunctionExpression { Function.Result: FunctionType.Value },
            FunctionType.Logical => argument is LogicalExpression or FilterQuery
                or FunctionExpression { Function.Result: FunctionType.Logical or FunctionType.Nodes },
            _ => argument is FilterQuery or FunctionExpression { Function.Result: FunctionType.Nodes },
        };
        if (ok)
        {
            return;
        }

        var what = expected switch
        {
            FunctionType.Value => "a value: a literal, a singular query or a function that gives a value",
            FunctionType.Logical => "a logical expression",
            _ => "a query",
        };
        throw new JsonPathSyntaxException($"argument {index + 1} of {function.Name}() must be {what}", start);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("the filter is nested too deeply");
        }
    }
}
