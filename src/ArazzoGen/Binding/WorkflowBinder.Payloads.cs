using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using ArazzoGen.Emit;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

// A payload template (or an object or array parameter value) as Utf8JsonWriter calls.
internal sealed partial class WorkflowBinder
{
    /// <summary>Emits Utf8JsonWriter calls for a payload template; expressions keep their JSON type.</summary>
    private bool WritePayload(PayloadNode node, string? property, ExpressionCompiler compiler, List<string> lines)
    {
        var name = property is null ? string.Empty : CSharp.Literal(property);
        var nameArg = property is null ? string.Empty : name + ", ";
        switch (node.Kind)
        {
            case PayloadKind.Object:
                lines.Add(property is null ? "writer.WriteStartObject();" : $"writer.WriteStartObject({name});");
                var ok = true;
                foreach (var member in node.Members)
                {
                    ok &= WritePayload(member.Value, member.Name, compiler, lines);
                }

                lines.Add("writer.WriteEndObject();");
                return ok;
            case PayloadKind.Array:
                lines.Add(property is null ? "writer.WriteStartArray();" : $"writer.WriteStartArray({name});");
                var allOk = true;
                foreach (var item in node.Items)
                {
                    allOk &= WritePayload(item, null, compiler, lines);
                }

                lines.Add("writer.WriteEndArray();");
                return allOk;
            case PayloadKind.Null:
                lines.Add(property is null ? "writer.WriteNullValue();" : $"writer.WriteNull({name});");
                return true;
            case PayloadKind.Boolean:
                var b = node.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
                lines.Add(property is null ? $"writer.WriteBooleanValue({b});" : $"writer.WriteBoolean({name}, {b});");
                return true;
            case PayloadKind.Number:
                var number = JsonNumber(node.Text);
                if (property is not null)
                {
                    lines.Add($"writer.WritePropertyName({name});");
                }

                lines.Add($"writer.WriteRawValue({CSharp.Literal(number)});");
                return true;
            default:
                var text = compiler.CompileString(node.Text, node.Span);
                if (!text.Ok)
                {
                    return false;
                }

                if (text.Whole is { } whole)
                {
                    lines.Add(property is null
                        ? $"{whole.Code}.WriteTo(writer);"
                        : $"{CSharp.Runtime}.ArazzoJson.WriteProperty(writer, {name}, {whole.Code});");
                }
                else
                {
                    lines.Add(property is null
                        ? $"writer.WriteStringValue({text.TextCode});"
                        : $"writer.WriteString({nameArg}{text.TextCode});");
                }

                return true;
        }
    }

    private static string JsonNumber(string text)
    {
        if (Regex.IsMatch(
            text,
            @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$",
            RegexOptions.None,
            TimeSpan.FromSeconds(1)))
        {
            return text;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(
            "R",
            CultureInfo.InvariantCulture);
    }
}
