using System;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Binding;

// $request.header/query/path/body: the request the step just sent, read by its criteria, outputs and actions.
// Each name is checked against what the step sends, so a typo is a build error rather than a value never found.
internal sealed partial class ExpressionCompiler
{
    private CompiledValue? CompileRequest(RuntimeExpression expression, SourceSpan span)
    {
        var step = _scope.CurrentStep;
        if (step is null || !_scope.ResponseAvailable)
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                "the request is read in a step's criteria, outputs and actions, after it was sent");
            return null;
        }

        var part = expression.Names[0];
        var name = string.Join(".", expression.Names.Skip(1));
        switch (part)
        {
            case "body" when expression.Names.Count == 1:
                if (step.SendsBody)
                {
                    return new CompiledValue("request.Body", "json");
                }

                Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Request body of step", step.Step.StepId,
                    " (the step sends no requestBody)");
                return null;
            case "header" when name.Length > 0:
                return Sent(step, span, "header", name, $"request.Header({CSharp.Literal(name)})", "string");
            case "query" when name.Length > 0:
                return Sent(step, span, "query", name, $"request.QueryParameter({CSharp.Literal(name)})", "json");
            case "path" when name.Length > 0:
                return Sent(step, span, "path", name, $"request.PathParameter({CSharp.Literal(name)})", "json");
            default:
                Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                    "the request is read as $request.header.<name>, $request.query.<name>, $request.path.<name> or "
                    + "$request.body (with an optional #/json/pointer)");
                return null;
        }
    }

    /// <summary>The code reading a parameter the step sends; an error naming what it does send otherwise.</summary>
    private CompiledValue? Sent(
        StepSymbol step,
        SourceSpan span,
        string location,
        string name,
        string code,
        string type)
    {
        var names = step.SentParameters.Where(p => p.In == location).Select(p => p.Name).ToList();
        var comparer = location == "header" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        if (location == "header")
        {
            // The request also sends these when it has a body or cookies.
            names.AddRange(step.SendsBody ? new[] { "Content-Type" } : Array.Empty<string>());
            names.AddRange(step.SentParameters.Any(p => p.In == "cookie") ? new[] { "Cookie" } : Array.Empty<string>());
        }

        if (names.Contains(name, comparer))
        {
            return new CompiledValue(code, type);
        }

        var what = location switch
        {
            "header" => "Request header",
            "query" => "Query parameter",
            _ => "Path parameter",
        };
        var detail = names.Count == 0
            ? $" (step '{step.Step.StepId}' sends no {location} parameters)"
            : $" in the request of step '{step.Step.StepId}'" + Suggestions.DidYouMean(name, names);
        Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, what, name, detail);
        return null;
    }
}
