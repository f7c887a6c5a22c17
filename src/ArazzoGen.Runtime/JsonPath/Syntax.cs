using System.Collections.Generic;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

// The syntax tree of an RFC 9535 JSONPath query, named as the RFC names its parts. This file is compiled into the
// generator too (netstandard2.0), which parses every query at build time: it holds no JSON types.

/// <summary>A query: <c>$</c> (the root) or <c>@</c> (the current node of a filter), then segments.</summary>
internal sealed record Query(bool IsRelative, IReadOnlyList<Segment> Segments)
{
    /// <summary>
    /// A singular query selects at most one node: every segment is a name or an index written in its singular form.
    /// </summary>
    public bool IsSingular
    {
        get
        {
            foreach (var segment in Segments)
            {
                if (!segment.IsSingular)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>
/// A child segment (<c>.name</c>, <c>[…]</c>) or a descendant segment (<c>..name</c>, <c>..[…]</c>).
/// <see cref="IsSingular"/> is true for <c>.name</c>, <c>['name']</c> and <c>[0]</c> without blank space inside the
/// brackets, the only forms RFC 9535 allows in a singular query.
/// </summary>
internal sealed record Segment(bool IsDescendant, IReadOnlyList<Selector> Selectors, bool IsSingular);

internal abstract record Selector;

internal sealed record NameSelector(string Name) : Selector;

internal sealed record WildcardSelector : Selector;

internal sealed record IndexSelector(long Index) : Selector;

internal sealed record SliceSelector(long? Start, long? End, long? Step) : Selector;

internal sealed record FilterSelector(LogicalExpression Expression) : Selector;

/// <summary>A node of a filter: a logical expression or an operand. Offsets are in the query text.</summary>
internal abstract record FilterNode(int Offset);

internal abstract record LogicalExpression(int Offset) : FilterNode(Offset);

internal sealed record OrExpression(LogicalExpression Left, LogicalExpression Right, int Offset)
    : LogicalExpression(Offset);

internal sealed record AndExpression(LogicalExpression Left, LogicalExpression Right, int Offset)
    : LogicalExpression(Offset);

internal sealed record NotExpression(LogicalExpression Operand, int Offset) : LogicalExpression(Offset);

internal sealed record ComparisonExpression(string Operator, FilterOperand Left, FilterOperand Right, int Offset)
    : LogicalExpression(Offset);

/// <summary>A test: a query that selects at least one node, or a function's logical (or nodes) result.</summary>
internal sealed record TestExpression(FilterOperand Subject, int Offset) : LogicalExpression(Offset);

/// <summary>A literal, a filter query or a function expression.</summary>
internal abstract record FilterOperand(int Offset) : FilterNode(Offset);

internal enum LiteralType
{
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A literal; <see cref="Text"/> is the string's value or the number as written.</summary>
internal sealed record ValueLiteral(LiteralType Type, string Text, double Number, int Offset) : FilterOperand(Offset);

internal sealed record FilterQuery(Query Query, int Offset) : FilterOperand(Offset);

/// <summary>
/// A call of one of the functions RFC 9535 defines. An argument is a <see cref="FilterOperand"/> or a
/// <see cref="LogicalExpression"/>, as the function's parameter types allow.
/// </summary>
internal sealed record FunctionExpression(FunctionDefinition Function, IReadOnlyList<FilterNode> Arguments, int Offset)
    : FilterOperand(Offset);
