namespace ArazzoGen;

/// <summary>The version written into <c>[GeneratedCode]</c>; snapshot tests replace it with a placeholder.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
