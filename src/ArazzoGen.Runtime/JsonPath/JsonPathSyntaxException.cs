using System;

// This file is compiled into the generator too (which checks queries at build time), under its own namespace so
// that a project seeing both assemblies' internals (the tests) can tell the copies apart.
#if ARAZZOGEN_GENERATOR
namespace ArazzoGen.JsonPath;
#else
namespace ArazzoGen.Runtime.JsonPath;
#endif

/// <summary>A query RFC 9535 does not allow: the reason, and the offset in the query text where it shows.</summary>
internal sealed class JsonPathSyntaxException : Exception
{
    public JsonPathSyntaxException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public int Offset { get; }
}
