// netstandard2.0 lacks the attribute types that records and init-only setters compile against.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
