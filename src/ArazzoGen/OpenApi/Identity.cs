using System.Collections.Generic;

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
