using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

// Binding, part three: the C# that builds each step's HTTP request from its parameters and request body.
internal sealed partial class WorkflowBinder
{
    private List<string> BindRequest(StepSymbol symbol, ExpressionCompiler compiler)
    {
        var step = symbol.Step;
        var operation = symbol.Operation!;
        var code = new List<string>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in step.Parameters)
        {
            var location = parameter.In
                           ?? operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name)?.In;
            if (location is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingField, parameter.Span, $"Parameter '{parameter.Name}'",
                    "in (the operation does not declare it, so its location is unknown)");
                continue;
            }

            var method = location switch
            {
                "path" => "AddPathParameter",
                "query" => "AddQueryParameter",
                "header" => "AddHeader",
                "cookie" => "AddCookie",
                _ => null,
            };
            if (method is null)
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.WrongType,
                    parameter.Span,
                    "in",
                    "path, query, header or cookie",
                    "'" + location + "'");
                continue;
            }

            if (location == "path")
            {
                given.Add(parameter.Name);
                if (operation.PathTemplate.IndexOf("{" + parameter.Name + "}", StringComparison.Ordinal) < 0)
                {
                    _diagnostics.Add(
                        DiagnosticDescriptors.UnknownReference,
                        parameter.Span,
                        "Path parameter",
                        parameter.Name,
                        $" in '{operation.PathTemplate}'");
                    continue;
                }
            }

            if (ValueCode(parameter.Value, compiler) is { } value)
            {
                code.Add($"request.{method}({CSharp.Literal(parameter.Name)}, {value});");
            }
        }

        foreach (Match match in Regex.Matches(
            operation.PathTemplate,
            @"\{([^}]+)\}",
            RegexOptions.None,
            TimeSpan.FromSeconds(1)))
        {
            if (!given.Contains(match.Groups[1].Value))
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingField, step.IdSpan, $"Step '{step.StepId}'",
                    $"parameters: the path parameter '{match.Groups[1].Value}' of "
                    + $"{operation.Method} {operation.PathTemplate}");
            }
        }

        if (step.RequestBody is { } body)
        {
            BindBody(step, body, operation, compiler, code);
        }

        return code;
    }

    private void BindBody(
        Step step,
        RequestBody body,
        OperationInfo operation,
        ExpressionCompiler compiler,
        List<string> code)
    {
        if (body.HasReplacements)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.NotSupportedYet,
                body.Span,
                "A request body with 'replacements'",
                $"step '{step.StepId}'");
            return;
        }

        if (body.Payload is not { } payload)
        {
            return;
        }

        var contentType = body.ContentType ?? operation.RequestContentType ?? "application/json";
        var isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                     || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (payload.Kind == PayloadKind.String && !isJson)
        {
            var text = compiler.CompileString(payload.Text, payload.Span);
            if (text.Ok)
            {
                var textCode = text.Whole is { } whole ? whole.Code + ".ToText()" : text.TextCode;
                code.Add($"request.SetTextBody({CSharp.Literal(contentType)}, {textCode});");
            }

            return;
        }

        if (!isJson)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.NotSupportedYet,
                body.Span,
                $"A '{contentType}' body built from a structured payload",
                $"step '{step.StepId}'");
            return;
        }

        var lines = new List<string>();
        if (WritePayload(payload, null, compiler, lines))
        {
            code.Add($"request.SetJsonBody({CSharp.Literal(contentType)}, writer =>");
            code.Add("{");
            code.AddRange(lines.Select(l => "    " + l));
            code.Add("});");
        }
    }

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

    /// <summary>A parameter value as code: string overloads for text, ArazzoValue for whole expressions.</summary>
    private static string? ValueCode(PayloadNode value, ExpressionCompiler compiler)
    {
        switch (value.Kind)
        {
            case PayloadKind.String:
                var text = compiler.CompileString(value.Text, value.Span);
                return !text.Ok ? null : text.Whole?.Code ?? text.TextCode;
            case PayloadKind.Object:
            case PayloadKind.Array:
                return null;
            default:
                return CSharp.Literal(value.Text);
        }
    }
}
