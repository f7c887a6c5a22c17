using System.Collections.Generic;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

/// <summary>The three types of RFC 9535's function type system.</summary>
internal enum FunctionType
{
    /// <summary>A JSON value, or Nothing.</summary>
    Value,

    /// <summary>LogicalTrue or LogicalFalse.</summary>
    Logical,

    /// <summary>A nodelist.</summary>
    Nodes,
}

/// <summary>A function extension: its name, parameter types and result type.</summary>
internal sealed class FunctionDefinition
{
    private static readonly Dictionary<string, FunctionDefinition> Registry = new(System.StringComparer.Ordinal)
    {
        ["length"] = new("length", FunctionType.Value, FunctionType.Value),
        ["count"] = new("count", FunctionType.Value, FunctionType.Nodes),
        ["match"] = new("match", FunctionType.Logical, FunctionType.Value, FunctionType.Value),
        ["search"] = new("search", FunctionType.Logical, FunctionType.Value, FunctionType.Value),
        ["value"] = new("value", FunctionType.Value, FunctionType.Nodes),
    };

    private FunctionDefinition(string name, FunctionType result, params FunctionType[] parameters)
    {
        Name = name;
        Result = result;
        Parameters = parameters;
    }

    public string Name { get; }

    public FunctionType Result { get; }

    public IReadOnlyList<FunctionType> Parameters { get; }

    /// <summary>The function named <paramref name="name"/>, or null: RFC 9535 defines five.</summary>
    public static FunctionDefinition? Find(string name) => Registry.TryGetValue(name, out var function)
        ? function
        : null;
}
