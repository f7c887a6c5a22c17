using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>Helpers the generated request-body writers call.</summary>
public static class ArazzoJson
{
    /// <summary>
    /// Writes <c>"name": value</c>, or nothing when the value is missing (an optional input left unset), so a
    /// payload template never sends a member its caller did not give.
    /// </summary>
    public static void WriteProperty(Utf8JsonWriter writer, string name, ArazzoValue value)
    {
        if (value.Kind == ArazzoValueKind.Missing)
        {
            return;
        }

        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }
}
