using System.Collections.Generic;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>
/// The schema each reference resolves to, resolved once per name it refers to: the reader makes a reference object
/// for every <c>$ref</c> of a document (5,403 in the Rebilly description), and each resolution walks the document's
/// workspace again.
/// </summary>
internal sealed class SchemaTargets
{
    /// <summary>What a reference that resolves only to references (A is B, B is A) stands for: no schema.</summary>
    private static readonly IOpenApiSchema Unresolvable = new OpenApiSchema();

    private readonly Dictionary<(string? Resource, string Id), IOpenApiSchema> _byName = new();

    /// <summary>The schema itself, or for a reference the schema it resolves to (or itself if none).</summary>
    public IOpenApiSchema Of(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchemaReference { Reference: { Id: { } id } name } reference)
        {
            return schema;
        }

        if (!_byName.TryGetValue((name.ExternalResource, id), out var target))
        {
            try
            {
                target = (IOpenApiSchema?)reference.RecursiveTarget ?? schema;
            }
            catch (System.InvalidOperationException)
            {
                // Microsoft.OpenApi throws for a chain of references that comes back to itself ("Circular reference
                // detected"): such a schema says nothing, as a reference to a missing schema says nothing.
                target = Unresolvable;
            }

            _byName[(name.ExternalResource, id)] = target;
        }

        return target;
    }
}

/// <summary>
/// Numbers schemas densely, in the order they are met, so that a walk keeps what it learns of each in a list: a
/// reference has the number of the schema it resolves to, and <see cref="Schemas"/> holds the resolved schemas.
/// </summary>
internal sealed class SchemaNumbers
{
    private readonly Dictionary<IOpenApiSchema, int> _numbers = new(Identity<IOpenApiSchema>.Instance);
    private readonly List<IOpenApiSchema> _schemas = new();
    private readonly SchemaTargets _targets;

    public SchemaNumbers(SchemaTargets targets) => _targets = targets;

    /// <summary>The schemas numbered so far, by number.</summary>
    public IReadOnlyList<IOpenApiSchema> Schemas => _schemas;

    /// <summary>The number of a schema (numbered now if it is new).</summary>
    public int Of(IOpenApiSchema schema)
    {
        if (_numbers.TryGetValue(schema, out var number))
        {
            return number;
        }

        var target = _targets.Of(schema);
        if (!_numbers.TryGetValue(target, out number))
        {
            number = _schemas.Count;
            _schemas.Add(target);
            _numbers.Add(target, number);
        }

        _numbers[schema] = number;
        return number;
    }
}
