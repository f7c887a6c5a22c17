using System.Collections.Generic;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>Schema objects by identity (netstandard2.0 has no ReferenceEqualityComparer).</summary>
internal sealed class SchemaIdentity : IEqualityComparer<IOpenApiSchema>
{
    public static readonly SchemaIdentity Instance = new();

    public bool Equals(IOpenApiSchema? x, IOpenApiSchema? y) => ReferenceEquals(x, y);

    public int GetHashCode(IOpenApiSchema obj)
        => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
