using System;

namespace ArazzoGen.Runtime.JsonPath;

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
