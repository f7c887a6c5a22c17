using System.Collections.Generic;
using System.Text.Json;

namespace ArazzoGen.Runtime.JsonPath;

/// <summary>
/// Evaluates a parsed query over a JSON value (RFC 9535, sections 2.3 to 2.5): each segment maps the nodelist so far
/// to a new one, in order. Objects are visited in the order their members were written.
/// </summary>
internal sealed partial class JsonPathEvaluator
{
    private readonly JsonElement _root;

    private JsonPathEvaluator(JsonElement root) => _root = root;

    /// <summary>The nodes <paramref name="query"/> selects from <paramref name="root"/>.</summary>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">
    /// A <c>match</c> or <c>search</c> ran past its time limit.
    /// </exception>
    public static List<JsonElement> Select(Query query, JsonElement root) => new JsonPathEvaluator(root)
        .Evaluate(query, root);

    private List<JsonElement> Evaluate(Query query, JsonElement current)
    {
        var nodes = new List<JsonElement> { query.IsRelative ? current : _root };
        foreach (var segment in query.Segments)
        {
            var next = new List<JsonElement>();
            foreach (var node in nodes)
            {
                if (segment.IsDescendant)
                {
                    SelectDescendants(segment.Selectors, node, next);
                }
                else
                {
                    SelectChildren(segment.Selectors, node, next);
                }
            }

            nodes = next;
        }

        return nodes;
    }

    /// <summary>The selectors applied to the node, then to each descendant: every node before its children.</summary>
    private void SelectDescendants(IReadOnlyList<Selector> selectors, JsonElement node, List<JsonElement> output)
    {
        SelectChildren(selectors, node, output);
        foreach (var child in Children(node))
        {
            SelectDescendants(selectors, child, output);
        }
    }

    private void SelectChildren(IReadOnlyList<Selector> selectors, JsonElement node, List<JsonElement> output)
    {
        foreach (var selector in selectors)
        {
            switch (selector)
            {
                case NameSelector name:
                    if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name.Name, out var member))
                    {
                        output.Add(member);
                    }

                    break;
                case WildcardSelector:
                    output.AddRange(Children(node));
                    break;
                case IndexSelector index:
                    SelectIndex(index.Index, node, output);
                    break;
                case SliceSelector slice:
                    SelectSlice(slice, node, output);
                    break;
                case FilterSelector filter:
                    foreach (var child in Children(node))
                    {
                        if (Test(filter.Expression, child))
                        {
                            output.Add(child);
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<JsonElement> Children(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                yield return item;
            }
        }
        else if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in node.EnumerateObject())
            {
                yield return member.Value;
            }
        }
    }

    private static void SelectIndex(long index, JsonElement node, List<JsonElement> output)
    {
        if (node.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var length = node.GetArrayLength();
        var i = index < 0 ? length + index : index;
        if (i >= 0 && i < length)
        {
            output.Add(node[(int)i]);
        }
    }

    /// <summary>RFC 9535, section 2.3.4.2.2: bounds are normalized, then clamped to the array.</summary>
    private static void SelectSlice(SliceSelector slice, JsonElement node, List<JsonElement> output)
    {
        if (node.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var step = slice.Step ?? 1;
        if (step == 0)
        {
            return;
        }

        // Indexing a JsonElement array can walk it from the start; a slice reads the items once instead.
        var items = new List<JsonElement>(node.EnumerateArray());
        long length = items.Count;

        long Normalize(long i) => i >= 0 ? i : length + i;
        if (step > 0)
        {
            var lower = System.Math.Min(System.Math.Max(Normalize(slice.Start ?? 0), 0), length);
            var upper = System.Math.Min(System.Math.Max(Normalize(slice.End ?? length), 0), length);
            for (var i = lower; i < upper; i += step)
            {
                output.Add(items[(int)i]);
            }
        }
        else
        {
            var upper = System.Math.Min(System.Math.Max(Normalize(slice.Start ?? length - 1), -1), length - 1);
            var lower = System.Math.Min(System.Math.Max(Normalize(slice.End ?? -length - 1), -1), length - 1);
            for (var i = upper; lower < i; i += step)
            {
                output.Add(items[(int)i]);
            }
        }
    }

    /// <summary>A logical expression with <c>@</c> bound to <paramref name="current"/>.</summary>
    private bool Test(LogicalExpression expression, JsonElement current) => expression switch
    {
        OrExpression or => Test(or.Left, current) || Test(or.Right, current),
        AndExpression and => Test(and.Left, current) && Test(and.Right, current),
        NotExpression not => !Test(not.Operand, current),
        ComparisonExpression comparison => Compare(
            comparison.Operator,
            ValueOf(comparison.Left, current),
            ValueOf(comparison.Right, current)),
        TestExpression { Subject: FilterQuery query } => Evaluate(query.Query, current).Count > 0,
        TestExpression { Subject: FunctionExpression call } => CallLogical(call, current),
        _ => false,
    };

    /// <summary>A comparable or value argument: a literal, a singular query's node, or a function's value.</summary>
    private FilterValue ValueOf(FilterNode operand, JsonElement current)
    {
        switch (operand)
        {
            case ValueLiteral literal:
                return FilterValue.Of(literal);
            case FilterQuery query:
                var nodes = Evaluate(query.Query, current);
                return nodes.Count == 1 ? FilterValue.Of(nodes[0]) : FilterValue.Nothing;
            case FunctionExpression call:
                return CallValue(call, current);
            default:
                return FilterValue.Nothing;
        }
    }

    private static bool Compare(string op, FilterValue left, FilterValue right) => op switch
    {
        "==" => FilterValue.Equal(left, right),
        "!=" => !FilterValue.Equal(left, right),
        "<" => FilterValue.Less(left, right),
        "<=" => FilterValue.Less(left, right) || FilterValue.Equal(left, right),
        ">" => FilterValue.Less(right, left),
        _ => FilterValue.Less(right, left) || FilterValue.Equal(left, right),
    };
}
