using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Emit;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

// A payload template (or an object or array parameter value) as Utf8JsonWriter calls, and a literal payload as JSON.
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
                    // A list input is written item by item, without first becoming a value of its own.
                    lines.Add(property is null
                        ? $"{whole.Code}.WriteTo(writer);"
                        : $"{CSharp.Runtime}.ArazzoJson.WriteProperty(writer, {name}, {whole.List ?? whole.Code});");
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

    /// <summary>True when a payload holds a runtime expression anywhere.</summary>
    internal static bool ContainsExpression(PayloadNode node)
        => node.Kind == PayloadKind.String && node.Text.IndexOf('$') >= 0
           || node.Members.Any(m => ContainsExpression(m.Value))
           || node.Items.Any(ContainsExpression);

    /// <summary>A literal payload (no expressions inside) as compact JSON text.</summary>
    internal static string LiteralJson(PayloadNode node)
    {
        switch (node.Kind)
        {
            case PayloadKind.Object:
                return "{" + string.Join(",", node.Members.Select(m => JsonString(m.Name) + ":" + LiteralJson(m.Value)))
                    + "}";
            case PayloadKind.Array:
                return "[" + string.Join(",", node.Items.Select(LiteralJson)) + "]";
            case PayloadKind.String:
                return JsonString(node.Text);
            case PayloadKind.Null:
                return "null";
            case PayloadKind.Boolean:
                return node.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
            default:
                return JsonNumber(node.Text);
        }
    }

    private static string JsonString(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
