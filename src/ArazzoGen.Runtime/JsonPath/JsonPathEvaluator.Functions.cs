using System.Collections.Generic;
using System.Text.Json;

namespace ArazzoGen.Runtime.JsonPath;

// The function extensions of RFC 9535, section 2.4: length, count, match, search and value. The parser has already
// checked that every call is well-typed, so each argument is read as its parameter's type.
internal sealed partial class JsonPathEvaluator
{
    /// <summary>A function whose result is a value (length, count, value).</summary>
    private FilterValue CallValue(FunctionExpression call, JsonElement current)
    {
        var argument = call.Arguments[0];
        switch (call.Function.Name)
        {
            case "length":
                return Length(ValueOf(argument, current));
            case "count":
                return FilterValue.Of(NodesOf(argument, current).Count);
            case "value":
                var nodes = NodesOf(argument, current);
                return nodes.Count == 1 ? FilterValue.Of(nodes[0]) : FilterValue.Nothing;
            default:
                return FilterValue.Nothing;
        }
    }

    /// <summary>A function whose result is logical (match, search).</summary>
    private bool CallLogical(FunctionExpression call, JsonElement current)
    {
        var text = ValueOf(call.Arguments[0], current);
        var pattern = ValueOf(call.Arguments[1], current);
        if (text.Kind != FilterValueKind.String || pattern.Kind != FilterValueKind.String)
        {
            return false;
        }

        // A pattern that is not an I-Regexp matches nothing; the RFC makes it LogicalFalse, not an error.
        var regex = IRegexp.ToRegex(pattern.Text!, whole: call.Function.Name == "match");
        return regex is not null && regex.IsMatch(text.Text!);
    }

    /// <summary>A NodesType argument: the nodelist of a query.</summary>
    private List<JsonElement> NodesOf(FilterNode argument, JsonElement current) => argument is FilterQuery query
        ? Evaluate(query.Query, current)
        : new List<JsonElement>();

    /// <summary>Characters (Unicode scalar values) of a string, items of an array, members of an object.</summary>
    private static FilterValue Length(FilterValue value)
    {
        switch (value.Kind)
        {
            case FilterValueKind.String:
                var text = value.Text!;
                var count = text.Length;
                for (var i = 0; i + 1 < text.Length; i++)
                {
                    if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
                    {
                        count--;
                        i++;
                    }
                }

                return FilterValue.Of(count);
            case FilterValueKind.Array:
                return FilterValue.Of(value.Element.GetArrayLength());
            case FilterValueKind.Object:
                var members = 0;
                foreach (var unused in value.Element.EnumerateObject())
                {
                    members++;
                }

                return FilterValue.Of(members);
            default:
                return FilterValue.Nothing;
        }
    }
}
