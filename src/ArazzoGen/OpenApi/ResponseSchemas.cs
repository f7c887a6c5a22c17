using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Infrastructure;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>
/// Collects the schemas success response bodies can have, once each, into the table
/// <see cref="OpenApiIndex.Schemas"/>: a reference and the schema it resolves to are one entry, and a schema reached
/// from a hundred operations is read once. Nothing is expanded per operation or per path; the binder follows a JSON
/// Pointer through the table (<see cref="ResponseSchema.TypeAt"/>) only for the outputs a workflow reads.
/// </summary>
internal sealed class ResponseSchemas
{
    private readonly SchemaNumbers _numbers;

    public ResponseSchemas(SchemaTargets targets) => _numbers = new SchemaNumbers(targets);

    /// <summary>The entry of a schema (added if new); what it reaches is added when the table is read.</summary>
    public int Add(IOpenApiSchema schema) => _numbers.Of(schema);

    /// <summary>The table: every schema added, and every schema their properties and items reach.</summary>
    public EquatableArray<ResponseSchema> Read()
    {
        var table = new List<ResponseSchema>();
        // Reading an entry may add more; a plain loop reaches them all without recursion.
        for (var id = 0; id < _numbers.Schemas.Count; id++)
        {
            var schema = _numbers.Schemas[id];
            var properties = schema.Properties is { } declared
                ? declared.Where(p => p.Value is not null)
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new SchemaProperty(p.Key, Add(p.Value)))
                    .ToEquatableArray()
                : default;
            var items = schema.Items is { } itemSchema ? Add(itemSchema) : -1;
            table.Add(new ResponseSchema(OpenApiIndexer.ClrType(schema), properties, items));
        }

        return table.ToEquatableArray();
    }
}
