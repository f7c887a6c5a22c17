using System;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArazzoGen.Runtime;

/// <summary>
/// The comparisons of Arazzo criteria. Strings compare case-insensitively (the specification requires it), numbers
/// as numbers, and values of different JSON types are never equal. A comparison that involves a missing or
/// unreadable value is false.
/// </summary>
public static class ArazzoCompare
{
    /// <summary>The <c>==</c> of a condition.</summary>
    public static bool Equal(ArazzoValue left, ArazzoValue right)
    {
        if (left.IsMissing || right.IsMissing)
        {
            return false;
        }

        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            ArazzoValueKind.Null => true,
            ArazzoValueKind.Boolean or ArazzoValueKind.Number => left.Number.Equals(right.Number),
            ArazzoValueKind.String => string.Equals(left.Text, right.Text, StringComparison.OrdinalIgnoreCase),
            ArazzoValueKind.Structure => DeepEquals(left.AsJson()!.Value, right.AsJson()!.Value),
            _ => false,
        };
    }

    /// <summary>The <c>!=</c> of a condition: false, like every comparison, when either side is missing.</summary>
    public static bool NotEqual(ArazzoValue left, ArazzoValue right)
        => !left.IsMissing && !right.IsMissing && !Equal(left, right);

    /// <summary>The <c>&lt;</c> of a condition.</summary>
    public static bool Less(ArazzoValue left, ArazzoValue right) => Order(left, right) is < 0;

    /// <summary>The <c>&lt;=</c> of a condition.</summary>
    public static bool LessOrEqual(ArazzoValue left, ArazzoValue right) => Order(left, right) is <= 0;

    /// <summary>The <c>&gt;</c> of a condition.</summary>
    public static bool Greater(ArazzoValue left, ArazzoValue right) => Order(left, right) is > 0;

    /// <summary>The <c>&gt;=</c> of a condition.</summary>
    public static bool GreaterOrEqual(ArazzoValue left, ArazzoValue right) => Order(left, right) is >= 0;

    /// <summary>A lone operand is true only when it is the boolean <c>true</c>.</summary>
    public static bool IsTrue(ArazzoValue value) => value.Kind == ArazzoValueKind.Boolean && value.AsBoolean() == true;

    /// <summary>A regex criterion: the context, as text, matches the pattern.</summary>
    public static bool Matches(ArazzoValue context, Regex pattern)
    {
        if (context.IsMissing)
        {
            return false;
        }

        try
        {
            return pattern.IsMatch(context.ToText());
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool DeepEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var count = 0;
                foreach (var property in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(property.Name, out var other) || !DeepEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                foreach (var unused in right.EnumerateObject())
                {
                    count--;
                }

                return count == 0;
            }

            case JsonValueKind.Array:
            {
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                for (var i = 0; i < left.GetArrayLength(); i++)
                {
                    if (!DeepEquals(left[i], right[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JsonValueKind.String:
                return string.Equals(left.GetString(), right.GetString(), StringComparison.OrdinalIgnoreCase);
            case JsonValueKind.Number:
                return left.GetDouble().Equals(right.GetDouble());
            default:
                return true;
        }
    }

    private static int? Order(ArazzoValue left, ArazzoValue right)
    {
        if (left.IsMissing || right.IsMissing || left.Kind != right.Kind)
        {
            return null;
        }

        return left.Kind switch
        {
            ArazzoValueKind.Number => left.Number.CompareTo(right.Number),
            ArazzoValueKind.String => string.Compare(left.Text, right.Text, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
    }
}
