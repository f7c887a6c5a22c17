using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// A value made from a JSON Schema, for responses whose OpenAPI document gives no example. Deterministic, so that
/// a test can predict it: the schema's own example, const, default or first enum value wins; objects get every
/// declared property, arrays one item, and the rest a placeholder by type and format.
/// </summary>
internal static class SchemaExample
{
    /// <summary>Deeper schemas (recursive ones) end in null, so a value is always finite.</summary>
    private const int MaxDepth = 8;

    public static JsonNode? From(IOpenApiSchema? schema) => Make(schema, 0);

    private static JsonNode? Make(IOpenApiSchema? schema, int depth)
    {
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        if (Declared(schema) is { } declared)
        {
            return declared.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } all)
        {
            return Merge(all.Select(s => Make(s, depth + 1)));
        }

        if ((schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf) is { Count: > 0 } choices)
        {
            return Make(choices[0], depth + 1);
        }

        return Placeholder(schema, depth);
    }

    private static JsonNode? Declared(IOpenApiSchema schema)
        => schema.Examples?.FirstOrDefault(e => e is not null)
           ?? SingleExample(schema)
           ?? (schema.Const is { } constant ? JsonValue.Create(constant) : null)
           ?? schema.Default
           ?? schema.Enum?.FirstOrDefault(e => e is not null);

    /// <summary>OpenAPI 3.0's <c>example</c>, which the reader keeps in the member 3.1 made obsolete.</summary>
#pragma warning disable CS0618
    private static JsonNode? SingleExample(IOpenApiSchema schema) => schema.Example;
#pragma warning restore CS0618

    private static JsonNode? Placeholder(IOpenApiSchema schema, int depth)
    {
        var type = schema.Type ?? Infer(schema);
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var value = new JsonObject();
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (Make(property, depth + 1) is { } member)
                {
                    value[name] = member;
                }
            }

            return value;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            var item = Make(schema.Items, depth + 1);
            return item is null ? new JsonArray() : new JsonArray(item);
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            return JsonValue.Create(Text(schema.Format));
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return JsonValue.Create(1);
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return JsonValue.Create(1.5);
        }

        return type.HasFlag(JsonSchemaType.Boolean) ? JsonValue.Create(true) : null;
    }

    private static JsonSchemaType Infer(IOpenApiSchema schema)
        => schema.Properties is { Count: > 0 } ? JsonSchemaType.Object
            : schema.Items is not null ? JsonSchemaType.Array
            : 0;

    private static string Text(string? format) => format switch
    {
        "date-time" => "2024-01-01T00:00:00Z",
        "date" => "2024-01-01",
        "time" => "12:00:00",
        "uuid" => "00000000-0000-4000-8000-000000000001",
        "email" => "user@example.com",
        "uri" or "url" => "https://example.com/",
        _ => "string",
    };

    /// <summary>allOf: the members of every object part, later parts winning; else the first value.</summary>
    private static JsonNode? Merge(IEnumerable<JsonNode?> parts)
    {
        var values = parts.Where(p => p is not null).ToList();
        if (values.Count == 0 || !values.All(v => v is JsonObject))
        {
            return values.FirstOrDefault();
        }

        var merged = new JsonObject();
        foreach (var part in values.Cast<JsonObject>())
        {
            foreach (var (name, member) in part)
            {
                merged[name] = member?.DeepClone();
            }
        }

        return merged;
    }
}
