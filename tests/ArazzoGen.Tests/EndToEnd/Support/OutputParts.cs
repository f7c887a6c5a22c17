using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Emit;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// Checks parts of a run's outputs, <c>output#/JSON/pointer</c> against a value, for outputs too large to spell out.
/// </summary>
internal static class OutputParts
{
    /// <summary>Every part that differs, in words; an empty list when all match.</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, JsonElement> parts, object result)
    {
        if (parts.Count == 0 || result.GetType().GetProperty("Outputs")!.GetValue(result) is not { } outputs)
        {
            yield break;
        }

        foreach (var (path, expected) in parts)
        {
            var hash = path.IndexOf('#', System.StringComparison.Ordinal);
            var (name, pointer) = hash < 0 ? (path, string.Empty) : (path.Substring(0, hash), path.Substring(hash + 1));
            var property = outputs.GetType().GetProperty(CSharp.Pascal(name));
            var value = property is null
                ? (JsonElement?)null
                : JsonSerializer.SerializeToElement(property.GetValue(outputs), property.PropertyType);
            var part = value is { } whole ? Pointer(whole, pointer) : null;
            if (part is not { } found || !JsonElement.DeepEquals(found, expected))
            {
                yield return $"output {path} is {part?.GetRawText() ?? "missing"}, expected {expected.GetRawText()}";
            }
        }
    }

    private static JsonElement? Pointer(JsonElement value, string pointer)
    {
        foreach (var token in pointer.Split('/').Skip(1).Select(t => t.Replace("~1", "/").Replace("~0", "~")))
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(token, out var member))
            {
                value = member;
            }
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index)
                     && index >= 0 && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return null;
            }
        }

        return value;
    }
}
