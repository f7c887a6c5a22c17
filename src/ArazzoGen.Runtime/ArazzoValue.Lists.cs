using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ArazzoGen.Runtime;

// Conversions to the list types of workflow inputs, used when one workflow passes values to another
// (a sub-workflow step's parameters, a dependsOn or goto target's inputs).
public readonly partial struct ArazzoValue
{
    /// <summary>The value as a list of strings: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array of strings.</exception>
    public IReadOnlyList<string>? AsStringList() => AsList(static item => item.AsString()!, "strings");

    /// <summary>The value as a list of integers: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array of integers.</exception>
    public IReadOnlyList<long>? AsInt64List() => AsList(static item => item.AsInt64()!.Value, "integers");

    /// <summary>The value as a list of 32-bit integers: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array of 32-bit integers.</exception>
    public IReadOnlyList<int>? AsInt32List() => AsList(static item => item.AsInt32()!.Value, "32-bit integers");

    /// <summary>The value as a list of numbers: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array of numbers.</exception>
    public IReadOnlyList<double>? AsDoubleList() => AsList(static item => item.AsDouble()!.Value, "numbers");

    /// <summary>The value as a list of booleans: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array of booleans.</exception>
    public IReadOnlyList<bool>? AsBooleanList() => AsList(static item => item.AsBoolean()!.Value, "booleans");

    /// <summary>The value as a list of JSON values: null when missing or null.</summary>
    /// <exception cref="ArazzoValueException">The value is not an array.</exception>
    public IReadOnlyList<JsonElement>? AsJsonList() => AsList(static item => item.AsJson()!.Value, "JSON values");

    private IReadOnlyList<T>? AsList<T>(Func<ArazzoValue, T> convert, string what)
    {
        if (AsJson() is not { } json)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch("an array of " + what);
        }

        var list = new List<T>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            var value = From(item);
            if (value.Kind is ArazzoValueKind.Null)
            {
                throw Mismatch("an array of " + what + " without nulls");
            }

            list.Add(convert(value));
        }

        return list;
    }
}
