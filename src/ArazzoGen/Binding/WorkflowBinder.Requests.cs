using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

// Binding, part three: the C# that builds each step's HTTP request from its parameters (this file) and its request
// body (WorkflowBinder.Bodies.cs).
internal sealed partial class WorkflowBinder
{
    private static readonly string[] Locations = { "path", "query", "header", "cookie" };

    /// <summary>The styles OpenAPI allows in each location; the first is the default.</summary>
    private static readonly Dictionary<string, string[]> Styles = new(StringComparer.Ordinal)
    {
        ["path"] = new[] { "simple", "label", "matrix" },
        ["query"] = new[] { "form", "spaceDelimited", "pipeDelimited", "deepObject" },
        ["header"] = new[] { "simple" },
        ["cookie"] = new[] { "form", "cookie" },
    };

    /// <summary>Workflow-level parameter values, compiled once and shared by every step.</summary>
    private readonly Dictionary<Parameter, ParameterValue?> _workflowParameterValues = new();

    private List<string> BindRequest(StepSymbol symbol, Workflow workflow, ExpressionCompiler compiler)
    {
        var step = symbol.Step;
        var operation = symbol.Operation!;
        var code = new List<string>();
        foreach (var (parameter, location, value) in EffectiveParameters(symbol, workflow, compiler))
        {
            var declared = operation.Parameters.FirstOrDefault(
                p => p.In == location && SameName(p.Name, parameter.Name, location));
            if (SerializationOf(parameter, location, declared, operation) is not { } serialization)
            {
                continue;
            }

            code.AddRange(ParameterCall(parameter.Name, location, value, serialization));
            if (Secrets.IsSecretParameter(location, parameter.Name, symbol.SecretParameters)
                || declared?.Password == true)
            {
                Secrets.CollectInputs(parameter.Value, _secretInputs);
            }
        }

        foreach (Match match in Regex.Matches(operation.PathTemplate, @"\{([^}]+)\}", RegexOptions.None,
            TimeSpan.FromSeconds(1)))
        {
            if (!Sends(symbol, "path", match.Groups[1].Value))
            {
                AddAboutOperation(DiagnosticDescriptors.MissingField, step.IdSpan, operation, $"Step '{step.StepId}'",
                    $"the path parameter '{match.Groups[1].Value}' that {operation.Method} {operation.PathTemplate} "
                    + "requires; give it in the step's parameters");
            }
        }

        if (step.RequestBody is { } body)
        {
            symbol.SendsBody = body.Payload is not null;
            BindBody(step, body, operation, compiler, code);
            Secrets.CollectBodyInputs(body, operation.PasswordFields, _secretInputs);
        }

        return code;
    }

    /// <summary>
    /// The workflow's parameters that the step does not override (same name and location), then the step's, each
    /// with its location and compiled value. Workflow-level parameters apply to a step only where they fit: a path
    /// parameter to a path that has it, a parameter without <c>in</c> to an operation that declares it.
    /// </summary>
    private List<(Parameter Parameter, string In, ParameterValue Value)> EffectiveParameters(
        StepSymbol symbol,
        Workflow workflow,
        ExpressionCompiler compiler)
    {
        var operation = symbol.Operation!;
        var result = new List<(Parameter, string, ParameterValue)>();
        var fromStep = new List<(Parameter, string, ParameterValue)>();
        foreach (var parameter in symbol.Step.Parameters)
        {
            if (!CheckName(parameter) || Locate(parameter, operation, report: true) is not { } location)
            {
                continue;
            }

            if (Sends(symbol, location, parameter.Name))
            {
                var kind = char.ToUpperInvariant(location[0]) + location.Substring(1) + " parameter";
                _diagnostics.Add(DiagnosticDescriptors.DuplicateId, parameter.Span, kind, parameter.Name);
                continue;
            }

            if (location == "path" && !HasPlaceholder(operation, parameter.Name))
            {
                AddAboutOperation(DiagnosticDescriptors.UnknownReference, parameter.Span, operation, "Path parameter",
                    parameter.Name, $" in '{operation.PathTemplate}'");
                continue;
            }

            // Given, even if its value does not compile (that was reported): the path check must not report it again.
            symbol.SentParameters.Add((location, parameter.Name));
            if (ValueOf(parameter, compiler) is { } value)
            {
                fromStep.Add((parameter, location, value));
            }
        }

        foreach (var parameter in workflow.Parameters)
        {
            if (WorkflowParameterValue(parameter, compiler) is not { } value
                || Locate(parameter, operation, report: false) is not { } location
                || location == "path" && !HasPlaceholder(operation, parameter.Name)
                || Sends(symbol, location, parameter.Name))
            {
                continue;
            }

            symbol.SentParameters.Add((location, parameter.Name));
            result.Add((parameter, location, value));
        }

        result.AddRange(fromStep);
        return result;
    }

    /// <summary>A workflow-level parameter's value, compiled (errors reported) when a step first uses it.</summary>
    private ParameterValue? WorkflowParameterValue(Parameter parameter, ExpressionCompiler compiler)
    {
        if (!_workflowParameterValues.TryGetValue(parameter, out var value))
        {
            var valid = CheckName(parameter) && (parameter.In is null || CheckLocation(parameter, parameter.In));
            value = valid ? ValueOf(parameter, compiler) : null;
            _workflowParameterValues[parameter] = value;
        }

        return value;
    }

    /// <summary>The parameter's <c>in</c>, or where the operation declares it; null (reported) when neither.</summary>
    private string? Locate(Parameter parameter, OperationInfo operation, bool report)
    {
        if (parameter.In is { } given)
        {
            // A step's parameter is checked here; a workflow's once, when its value is first compiled.
            return (report ? CheckLocation(parameter, given) : Locations.Contains(given)) ? given : null;
        }

        var declared = operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name)?.In;
        if (declared is null && report)
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingField, parameter.Span, $"Parameter '{parameter.Name}'",
                "the field 'in': the operation does not declare this parameter, so its location is unknown");
        }

        return declared;
    }

    /// <summary>
    /// An empty name is an error: there is no empty header name or cookie name, a query would send a bare <c>=v</c>,
    /// and no path template has an empty placeholder.
    /// </summary>
    private bool CheckName(Parameter parameter)
    {
        if (parameter.Name.Length > 0)
        {
            return true;
        }

        _diagnostics.Add(DiagnosticDescriptors.WrongType, parameter.NameSpan, "name",
            "a non-empty parameter name", "empty");
        return false;
    }

    private bool CheckLocation(Parameter parameter, string location)
    {
        if (Locations.Contains(location))
        {
            return true;
        }

        // Swagger 2.0 has body and formData parameters; in Arazzo they are the step's requestBody.
        var hint = location is "body" or "formData"
            ? " (a Swagger 2.0 " + location + " parameter is written as the step's requestBody)"
            : string.Empty;
        _diagnostics.Add(DiagnosticDescriptors.WrongType, parameter.Span, "in", "path, query, header or cookie",
            "'" + location + "'" + hint);
        return false;
    }

    /// <summary>
    /// The declared style and explode (or the location's defaults: simple for path and header, form and explode for
    /// query and cookie) and allowReserved. A declared style the location does not allow is an error.
    /// </summary>
    private Serialization? SerializationOf(
        Parameter parameter,
        string location,
        ParameterInfo? declared,
        OperationInfo operation)
    {
        var allowed = Styles[location];
        var style = declared?.Style ?? allowed[0];
        if (!allowed.Contains(style))
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, parameter.Span,
                "style",
                $"{string.Join(", ", allowed)} for the {location} parameter '{parameter.Name}' "
                + $"(declared by {operation.Method} {operation.PathTemplate})",
                "'" + style + "'");
            return null;
        }

        var explode = declared?.Explode ?? style is "form" or "cookie";
        return new Serialization(style, explode, location == "query" && declared?.AllowReserved == true);
    }

    /// <summary>The call that adds one parameter, passing only what differs from the location's defaults.</summary>
    private static IEnumerable<string> ParameterCall(
        string name,
        string location,
        ParameterValue value,
        Serialization serialization)
    {
        var method = location switch
        {
            "path" => "AddPathParameter",
            "query" => "AddQueryParameter",
            "header" => "AddHeader",
            _ => "AddCookie",
        };
        var defaultStyle = Styles[location][0];
        var arguments = new List<string>();
        if (serialization.Style != defaultStyle)
        {
            arguments.Add($"style: {CSharp.Runtime}.ParameterStyle.{CSharp.Pascal(serialization.Style)}");
        }

        if (serialization.Explode != (defaultStyle == "form"))
        {
            arguments.Add("explode: " + (serialization.Explode ? "true" : "false"));
        }

        if (serialization.AllowReserved)
        {
            arguments.Add("allowReserved: true");
        }

        // The text overloads take no style: a text value with one is passed as a value.
        var valueCode = value.IsText && arguments.Count > 0
            ? $"{CSharp.Runtime}.ArazzoValue.From({value.Code})"
            : value.Code;
        var rest = string.Concat(arguments.Select(a => ", " + a));
        return value.Lines.Count == 0
            ? new[] { $"request.{method}({CSharp.Literal(name)}, {valueCode}{rest});" }
            : JsonValueCall($"request.{method}({CSharp.Literal(name)}, ", value.Lines, $"){rest});");
    }

    /// <summary><c>head ArazzoJson.Value(writer =&gt; { lines }) tail</c>: an object or array value.</summary>
    private static IEnumerable<string> JsonValueCall(string head, IEnumerable<string> lines, string tail)
    {
        yield return head + CSharp.Runtime + ".ArazzoJson.Value(writer =>";
        yield return "{";
        foreach (var line in lines)
        {
            yield return "    " + line;
        }

        yield return "}" + tail;
    }

    /// <summary>
    /// A parameter's (or replacement's) value as code: text templates as strings, whole expressions and literals of
    /// other types as <c>ArazzoValue</c>, objects and arrays as the lines of a JSON writer.
    /// </summary>
    private ParameterValue? ValueOf(Parameter parameter, ExpressionCompiler compiler)
        => ValueOf(parameter.Value, compiler, literalScalarsAsText: true);

    private ParameterValue? ValueOf(PayloadNode value, ExpressionCompiler compiler, bool literalScalarsAsText)
    {
        switch (value.Kind)
        {
            case PayloadKind.String:
                var text = compiler.CompileString(value.Text, value.Span);
                if (!text.Ok)
                {
                    return null;
                }

                return text.Whole is { } whole
                    ? new ParameterValue(whole.Code, false, Array.Empty<string>())
                    : new ParameterValue(text.TextCode!, true, Array.Empty<string>());
            case PayloadKind.Object:
            case PayloadKind.Array:
                var lines = new List<string>();
                return WritePayload(value, null, compiler, lines)
                    ? new ParameterValue(string.Empty, false, lines)
                    : null;
            case PayloadKind.Null:
                return new ParameterValue(CSharp.Runtime + ".ArazzoValue.Null", false, Array.Empty<string>());
            default:
                return literalScalarsAsText
                    ? new ParameterValue(CSharp.Literal(value.Text), true, Array.Empty<string>())
                    : new ParameterValue(
                        $"{CSharp.Runtime}.ArazzoJson.Parse({CSharp.Literal(LiteralJson(value))})",
                        false,
                        Array.Empty<string>());
        }
    }

    private static bool Sends(StepSymbol symbol, string location, string name)
        => symbol.SentParameters.Any(p => p.In == location && SameName(p.Name, name, location));

    private static bool HasPlaceholder(OperationInfo operation, string name)
        => operation.PathTemplate.IndexOf("{" + name + "}", StringComparison.Ordinal) >= 0;

    /// <summary>Header names are case-insensitive (RFC 9110); other parameter names are not.</summary>
    private static bool SameName(string a, string b, string location)
        => string.Equals(a, b, location == "header" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>How a parameter is serialized: its OpenAPI style, explode and allowReserved.</summary>
    private sealed record Serialization(string Style, bool Explode, bool AllowReserved);

    /// <summary>
    /// Compiled value code: of type string when <see cref="IsText"/>, else <c>ArazzoValue</c>; or, when
    /// <see cref="Lines"/> is not empty, the body of a JSON writer lambda.
    /// </summary>
    private sealed record ParameterValue(string Code, bool IsText, IReadOnlyList<string> Lines);

    /// <summary>
    /// A diagnostic about how a step uses its operation, also pointing at the operation in its document.
    /// </summary>
    private void AddAboutOperation(
        Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor,
        Infrastructure.SourceSpan location,
        OperationInfo operation,
        params string[] arguments)
    {
        if (operation.Location is { } related)
        {
            _diagnostics.AddWithRelated(descriptor, location, related, arguments);
        }
        else
        {
            _diagnostics.Add(descriptor, location, arguments);
        }
    }
}
