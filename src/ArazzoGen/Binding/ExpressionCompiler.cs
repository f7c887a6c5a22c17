using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Binding;

/// <summary>
/// A compiled expression: C# code of type <c>ArazzoValue</c>, and the C# type keyword it carries, if known.
/// <see cref="List"/>: for a list input read whole, the typed list itself, which a JSON body writes item by item
/// instead of building the list's value first.
/// </summary>
internal readonly record struct CompiledValue(string Code, string Type, string? List = null);

/// <summary>
/// Compiles runtime expressions, string templates and criteria into C#. Every reference is checked here, at build
/// time, and reported at its line and column; nothing is left to be discovered at run time.
/// </summary>
internal sealed partial class ExpressionCompiler
{
    internal const string Value = CSharp.Runtime + ".ArazzoValue";
    internal const string Compare = CSharp.Runtime + ".ArazzoCompare";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly BindingScope _scope;

    public ExpressionCompiler(BindingScope scope) => _scope = scope;

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    /// <summary>Compiles an expression; reports and returns null when it refers to nothing.</summary>
    public CompiledValue? Compile(RuntimeExpression expression, SourceSpan span)
    {
        if (expression.Pointer is { } pointer && JsonPointerSyntax.BadEscape(pointer) is var bad and >= 0)
        {
            // Names cannot hold '#', so the first one starts the pointer.
            var at = expression.Text.IndexOf('#') + 1 + bad;
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span.Slice(at, 1), expression.Text,
                JsonPointerSyntax.BadEscapeMessage);
            return null;
        }

        CompiledValue? result = expression.Source switch
        {
            ExpressionSource.Inputs => CompileInput(expression, span),
            ExpressionSource.Steps => CompileStepOutput(expression, span),
            ExpressionSource.StatusCode => RequireResponse(expression, span)
                ? new CompiledValue($"{Value}.From(response.StatusCode)", "int")
                : null,
            ExpressionSource.Url => RequireResponse(expression, span)
                ? new CompiledValue($"{Value}.From(response.Url.AbsoluteUri)", "string")
                : null,
            ExpressionSource.Method => RequireResponse(expression, span)
                ? new CompiledValue($"{Value}.From(response.Method)", "string")
                : null,
            ExpressionSource.Response => CompileResponse(expression, span),
            ExpressionSource.Request => CompileRequest(expression, span),
            ExpressionSource.SourceDescriptions => CompileSourceDescription(expression, span),
            ExpressionSource.Outputs => CompileCalleeOutput(expression, span),
            ExpressionSource.Workflows => CompileWorkflowOutput(expression, span),
            ExpressionSource.Components => CompileComponent(expression, span),
            _ => NotSupported(expression, span),
        };

        if (result is not { } value)
        {
            return null;
        }

        var code = new StringBuilder(value.Code);
        var type = value.Type;
        var list = value.List;
        if (expression.Pointer is { Length: > 0 } path)
        {
            code.Append(".Pointer(").Append(CSharp.Literal(path)).Append(')');
            type = "json";
            list = null;
        }

        foreach (var accessor in expression.Navigation)
        {
            AppendAccessor(code, accessor);
            type = "json";
            list = null;
        }

        return new CompiledValue(code.ToString(), type, list);
    }

    /// <summary>
    /// Compiles a string from the document that may be a whole expression, a template with <c>{$…}</c> parts (or
    /// unbraced ones after whitespace), or plain text. Whole expressions keep their JSON type; the rest is text.
    /// </summary>
    public TemplateResult CompileString(string text, SourceSpan span)
    {
        if (text.Length > 0 && text[0] == '$' && RuntimeExpressionParser.StartsExpression(text, 0))
        {
            var whole = RuntimeExpressionParser.Parse(text, 0, out var end, out var error, out var errorOffset);
            if (whole is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span.Slice(errorOffset, 1), text, error!);
                return TemplateResult.Failed;
            }

            if (end == text.Length)
            {
                var compiled = Compile(whole, span);
                return compiled is null ? TemplateResult.Failed : TemplateResult.Expression(compiled.Value);
            }
        }

        var parts = CompileTemplate(text, span);
        if (parts is null)
        {
            return TemplateResult.Failed;
        }

        if (!parts.Any(p => p.Value is not null))
        {
            return TemplateResult.Text(CSharp.Literal(text));
        }

        var codes = parts.Select(p => p.Value is { } value ? value.Code + ".ToText()" : CSharp.Literal(p.Literal))
            .ToList();
        return TemplateResult.Text(codes.Count == 1 ? codes[0] : "string.Concat(" + string.Join(", ", codes) + ")");
    }

    /// <summary>
    /// Splits a string from the document into literal text and embedded expressions (<c>{$…}</c>, or unbraced after
    /// whitespace), compiling each expression. Returns null when one does not compile (and was reported).
    /// </summary>
    public List<TemplatePart>? CompileTemplate(string text, SourceSpan span)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var failed = false;
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            var braced = c == '{' && position + 1 < text.Length && text[position + 1] == '$';
            var unbraced = c == '$' && (position == 0 || char.IsWhiteSpace(text[position - 1]))
                           && RuntimeExpressionParser.StartsExpression(text, position);
            if (!braced && !unbraced)
            {
                literal.Append(c);
                position++;
                continue;
            }

            var start = braced ? position + 1 : position;
            var expression = RuntimeExpressionParser.Parse(
                text,
                start,
                out var end,
                out var error,
                out var errorOffset);
            if (expression is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span.Slice(errorOffset, 1), text, error!);
                return null;
            }

            if (braced && (end >= text.Length || text[end] != '}'))
            {
                Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span.Slice(end, 1), expression.Text,
                    "an embedded expression must end with '}'");
                return null;
            }

            if (unbraced)
            {
                Diagnostics.Add(DiagnosticDescriptors.UnbracedExpression, span.Slice(start, end - start), text,
                    expression.Text, text.Substring(0, start) + "{" + expression.Text + "}" + text.Substring(end));
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(literal.ToString(), null));
                literal.Clear();
            }

            var compiled = Compile(expression, span.Slice(start, end - start));
            failed |= compiled is null;
            parts.Add(new TemplatePart(null, compiled, expression.Text, span.Slice(start, end - start)));
            position = braced ? end + 1 : end;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null));
        }

        return failed ? null : parts;
    }

    /// <summary>Compiles a simple condition to a C# bool expression.</summary>
    public string? CompileSimpleCondition(string condition, SourceSpan span)
    {
        ConditionNode tree;
        ConditionParser parser;
        try
        {
            tree = ConditionParser.ParseSimple(condition, out parser);
        }
        catch (ConditionSyntaxException ex)
        {
            Diagnostics.Add(
                DiagnosticDescriptors.InvalidCondition,
                span.Slice(ex.Offset, 1),
                condition,
                "simple condition",
                ex.Message);
            return null;
        }

        var mark = Diagnostics.Mark();
        var code = CompileBoolean(tree, span);
        return Diagnostics.HasErrorsSince(mark) ? null : code;
    }

    private string CompileBoolean(ConditionNode node, SourceSpan span)
    {
        switch (node)
        {
            case Logical logical:
                return "(" + CompileBoolean(logical.Left, span) + " " + logical.Operator + " "
                       + CompileBoolean(logical.Right, span) + ")";
            case Not not:
                return "!" + Parenthesize(CompileBoolean(not.Operand, span));
            case Comparison comparison:
                if (StatusCodeComparison(comparison) is { } direct)
                {
                    return direct;
                }

                return ComparisonCode(comparison.Operator, CompileOperand(comparison.Left, span),
                    CompileOperand(comparison.Right, span));
            default:
                return $"{Compare}.IsTrue({CompileOperand(node, span)})";
        }
    }

    private static string Parenthesize(string code) => code.StartsWith("(", System.StringComparison.Ordinal)
        ? code
        : "(" + code + ")";

    /// <summary><c>$statusCode == 200</c> reads best, and runs fastest, as <c>response.StatusCode == 200</c>.</summary>
    private static string? StatusCodeComparison(Comparison comparison)
    {
        if (comparison.Left is ExpressionOperand { Expression: { Source: ExpressionSource.StatusCode } left }
            && left.Navigation.Count == 0
            && comparison.Right is LiteralOperand { Kind: LiteralKind.Number } right
            && int.TryParse(right.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var status))
        {
            return $"response.StatusCode {comparison.Operator} {status.ToString(CultureInfo.InvariantCulture)}";
        }

        return null;
    }

    private string CompileOperand(ConditionNode node, SourceSpan span)
    {
        switch (node)
        {
            case LiteralOperand literal:
                return LiteralCode(literal);
            case ExpressionOperand operand:
                return Compile(operand.Expression, span.Slice(operand.Offset, operand.Expression.Text.Length))?.Code
                       ?? Value + ".Missing";
            default:
                // A comparison used as an operand, as in (a == b) == true.
                return $"{Value}.From({CompileBoolean(node, span)})";
        }
    }

    private static string ComparisonCode(string op, string left, string right)
    {
        var method = op switch
        {
            "==" => "Equal",
            "!=" => "NotEqual",
            "<" => "Less",
            "<=" => "LessOrEqual",
            ">" => "Greater",
            _ => "GreaterOrEqual",
        };
        return $"{Compare}.{method}({left}, {right})";
    }

    private static string LiteralCode(LiteralOperand literal) => literal.Kind switch
    {
        LiteralKind.String => $"{Value}.From({CSharp.Literal(literal.Value)})",
        LiteralKind.Boolean => $"{Value}.From({literal.Value})",
        LiteralKind.Null => $"{Value}.Null",
        _ => $"{Value}.From({CSharp.Number(double.Parse(literal.Value, NumberStyles.Float, Invariant))}d)",
    };

    private static void AppendAccessor(StringBuilder code, Accessor accessor)
    {
        if (accessor.Name is { } name)
        {
            code.Append(".Member(").Append(CSharp.Literal(name)).Append(')');
        }
        else
        {
            code.Append(".Index(").Append(accessor.Index!.Value.ToString(CultureInfo.InvariantCulture)).Append(')');
        }
    }

    private CompiledValue? CompileInput(RuntimeExpression expression, SourceSpan span)
    {
        var name = expression.Names[0];
        if (!_scope.Inputs.TryGetValue(name, out var input))
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Input", name,
                _scope.Inputs.Count == 0
                    ? $" (workflow '{_scope.Workflow.WorkflowId}' declares no inputs)"
                    : Suggestions.DidYouMean(name, _scope.Inputs.Keys));
            return null;
        }

        var code = new StringBuilder($"{Value}.From(state.Inputs.{input.Property})");
        for (var i = 1; i < expression.Names.Count; i++)
        {
            code.Append(".Member(").Append(CSharp.Literal(expression.Names[i])).Append(')');
        }

        const string List = "global::System.Collections.Generic.IReadOnlyList<";
        var list = expression.Names.Count == 1 && input.Type.StartsWith(List, System.StringComparison.Ordinal)
            ? $"state.Inputs.{input.Property}"
            : null;
        return new CompiledValue(
            code.ToString(), expression.Names.Count == 1 ? ScalarKeyword(input.Type) : "json", list);
    }

    private CompiledValue? CompileStepOutput(RuntimeExpression expression, SourceSpan span)
    {
        var stepId = expression.Names[0];
        if (!_scope.Steps.TryGetValue(stepId, out var step))
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Step", stepId,
                Suggestions.DidYouMean(stepId, _scope.Steps.Keys));
            return null;
        }

        if (expression.Names.Count < 3 || expression.Names[1] != "outputs")
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                "a step is read through its outputs: $steps.<stepId>.outputs.<name>");
            return null;
        }

        // Output names may themselves contain dots: take the longest declared name.
        for (var count = expression.Names.Count - 2; count >= 1; count--)
        {
            var outputName = string.Join(".", expression.Names.Skip(2).Take(count));
            if (step.Outputs.TryGetValue(outputName, out var output))
            {
                var code = new StringBuilder($"{Value}.From(state.{step.Name}.{output.Property})");
                foreach (var extra in expression.Names.Skip(2 + count))
                {
                    code.Append(".Member(").Append(CSharp.Literal(extra)).Append(')');
                }

                return new CompiledValue(code.ToString(), 2 + count == expression.Names.Count ? output.Type : "json");
            }
        }

        var missing = expression.Names[2];
        Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Output", missing,
            step.Outputs.Count == 0
                ? $" (step '{stepId}' declares no outputs)"
                : $" in step '{stepId}'" + Suggestions.DidYouMean(missing, step.Outputs.Keys));
        return null;
    }

    /// <summary><c>$outputs.name</c>: in a step that runs a workflow, that workflow's output.</summary>
    private CompiledValue? CompileCalleeOutput(RuntimeExpression expression, SourceSpan span)
    {
        if (_scope.CurrentStep?.Callee is not { } callee || !_scope.ResponseAvailable)
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                "$outputs reads the outputs of the workflow a step runs, in that step's criteria, outputs and actions");
            return null;
        }

        return OutputOf(callee, expression, 0, "call.Outputs", span);
    }

    /// <summary><c>$workflows.id.outputs.name</c>: the latest outputs of a workflow this run ran.</summary>
    private CompiledValue? CompileWorkflowOutput(RuntimeExpression expression, SourceSpan span)
    {
        var id = expression.Names[0];
        if (expression.Names.Count < 3 || expression.Names[1] != "outputs")
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                "a workflow is read through its outputs: $workflows.<workflowId>.outputs.<name>");
            return null;
        }

        if (_scope.FindWorkflow(id) is not { } workflow)
        {
            if (_scope.FailedWorkflow(id))
            {
                return null;
            }

            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Workflow", id,
                Suggestions.DidYouMean(id, _scope.Document.Workflows.Select(w => w.WorkflowId)));
            return null;
        }

        _scope.ReadWorkflows[id] = workflow;
        return OutputOf(workflow, expression, 2, $"state.Ran{workflow.ClassName}", span);
    }

    /// <summary><c>$components.parameters.name</c>: the value of a reusable parameter.</summary>
    private CompiledValue? CompileComponent(RuntimeExpression expression, SourceSpan span)
    {
        if (expression.Names.Count != 2 || expression.Names[0] != "parameters")
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                "only a reusable parameter has a value: $components.parameters.<name>");
            return null;
        }

        var name = expression.Names[1];
        var parameter = _scope.Document.ComponentParameters.FirstOrDefault(p => p.Name == name);
        if (parameter is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Component", name,
                " in components.parameters"
                + Suggestions.DidYouMean(name, _scope.Document.ComponentParameters.Select(p => p.Name)));
            return null;
        }

        var value = parameter.Value;
        switch (value.Kind)
        {
            case Model.PayloadKind.String when !value.Text.Contains("$components."):
                var text = CompileString(value.Text, value.Span);
                return text.Ok ? text.Whole ?? new CompiledValue(text.AsValueCode(), "string") : null;
            case Model.PayloadKind.String:
                Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
                    "a reusable parameter's value cannot itself be a $components expression");
                return null;
            case Model.PayloadKind.Object or Model.PayloadKind.Array when WorkflowBinder.ContainsExpression(value):
                // A value expression is one line of code; the JSON writer a request parameter uses would need several.
                Diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, span,
                    "An object or array with runtime expressions inside", "a reusable parameter read as $components");
                return null;
            default:
                var json = CSharp.Literal(WorkflowBinder.LiteralJson(value));
                return new CompiledValue($"{CSharp.Runtime}.ArazzoJson.Parse({json})", "json");
        }
    }

    /// <summary>
    /// An output of <paramref name="workflow"/> named by the expression's names from <paramref name="first"/> on;
    /// output names may contain dots, so the longest declared name wins and the rest navigates into it.
    /// </summary>
    private CompiledValue? OutputOf(
        WorkflowSignature workflow,
        RuntimeExpression expression,
        int first,
        string outputsCode,
        SourceSpan span)
    {
        for (var count = expression.Names.Count - first; count >= 1; count--)
        {
            var name = string.Join(".", expression.Names.Skip(first).Take(count));
            if (workflow.Outputs.FirstOrDefault(o => o.Name == name) is { } output)
            {
                var code = new StringBuilder($"{Value}.From({outputsCode}?.{output.Property})");
                foreach (var extra in expression.Names.Skip(first + count))
                {
                    code.Append(".Member(").Append(CSharp.Literal(extra)).Append(')');
                }

                var whole = first + count == expression.Names.Count;
                return new CompiledValue(code.ToString(), whole ? output.Type : "json");
            }
        }

        var missing = expression.Names.Count > first ? expression.Names[first] : string.Empty;
        var why = !_scope.IsBound(workflow.WorkflowId)
            ? $" yet in workflow '{workflow.WorkflowId}': it runs this workflow in turn (or is this workflow), so its "
              + "outputs are not known while this one is bound; break the cycle"
            : workflow.Outputs.Count == 0
                ? $" (workflow '{workflow.WorkflowId}' declares no outputs)"
                : $" in workflow '{workflow.WorkflowId}'"
                  + Suggestions.DidYouMean(missing, workflow.Outputs.Select(o => o.Name));
        Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Output", missing, why);
        return null;
    }

    private CompiledValue? CompileResponse(RuntimeExpression expression, SourceSpan span)
    {
        if (!RequireResponse(expression, span))
        {
            return null;
        }

        var part = expression.Names[0];
        if (part == "body" && expression.Names.Count == 1)
        {
            return new CompiledValue("response.Body", "json");
        }

        if (part == "header" && expression.Names.Count >= 2)
        {
            return new CompiledValue(
                $"response.Header({CSharp.Literal(string.Join(".", expression.Names.Skip(1)))})",
                "string");
        }

        Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
            "a response is read as $response.body, $response.body#/pointer or $response.header.<name>");
        return null;
    }

    private CompiledValue? CompileSourceDescription(RuntimeExpression expression, SourceSpan span)
    {
        var name = expression.Names[0];
        var source = _scope.Document.SourceDescriptions.FirstOrDefault(s => s.Name == name);
        if (source is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Source description", name,
                Suggestions.DidYouMean(name, _scope.Document.SourceDescriptions.Select(s => s.Name)));
            return null;
        }

        if (expression.Names.Count == 2 && expression.Names[1] == "url")
        {
            return new CompiledValue($"{Value}.From({CSharp.Literal(source.Url)})", "string");
        }

        return NotSupported(expression, span);
    }

    private bool RequireResponse(RuntimeExpression expression, SourceSpan span)
    {
        if (_scope.ResponseAvailable)
        {
            return true;
        }

        Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, span, expression.Text,
            "the response is only available in a step's criteria, outputs and actions");
        return false;
    }

    private CompiledValue? NotSupported(RuntimeExpression expression, SourceSpan span)
    {
        Diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, span, $"The expression '{expression.Text}'",
            $"workflow '{_scope.Workflow.WorkflowId}'");
        return null;
    }

    /// <summary>The type keyword of an input's C# type when it is a scalar; json otherwise.</summary>
    private static string ScalarKeyword(string type) => type.TrimEnd('?') switch
    {
        "string" => "string",
        "long" => "long",
        "int" => "int",
        "double" => "double",
        "bool" => "bool",
        _ => "json",
    };
}

/// <summary>
/// A piece of a string template: literal text, or a compiled embedded expression with its text and where it stands
/// (so a body check can point at the expression that breaks the body).
/// </summary>
internal readonly record struct TemplatePart(
    string? Literal,
    CompiledValue? Value,
    string Expression = "",
    SourceSpan Span = default);

/// <summary>A compiled document string: an expression keeping its JSON type, or C# code of type string.</summary>
internal readonly record struct TemplateResult(bool Ok, CompiledValue? Whole, string? TextCode)
{
    public static TemplateResult Failed => new(false, null, null);

    public static TemplateResult Expression(CompiledValue value) => new(true, value, null);

    public static TemplateResult Text(string code) => new(true, null, code);

    /// <summary>The result as code of type ArazzoValue.</summary>
    public string AsValueCode() => Whole?.Code ?? $"{ExpressionCompiler.Value}.From({TextCode})";
}
