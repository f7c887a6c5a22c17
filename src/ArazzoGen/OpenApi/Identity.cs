using System.Collections.Generic;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>
/// Objects of the OpenAPI model by identity (netstandard2.0 has no ReferenceEqualityComparer): what is read of one
/// object is kept per object, and a reference's target is one object however many references lead to it.
/// </summary>
internal sealed class Identity<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly Identity<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}

/// <summary>
/// The schema each reference resolves to, resolved once per name it refers to: the reader makes a reference object
/// for every <c>$ref</c> of a document (5,403 in the Rebilly description), and each resolution walks the document's
/// workspace again.
/// </summary>
internal sealed class SchemaTargets
{
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
            target = (IOpenApiSchema?)reference.RecursiveTarget ?? schema;
            _byName[(name.ExternalResource, id)] = target;
        }

        return target;
    }
}
