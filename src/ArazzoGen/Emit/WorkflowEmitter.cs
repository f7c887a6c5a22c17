using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Binding;

namespace ArazzoGen.Emit;

/// <summary>
/// Lays out the C# for one Arazzo document: per workflow an inputs record, an outputs record and a workflow class
/// whose <c>RunAsync</c> is the workflow's control flow, with one method per step.
/// </summary>
internal static partial class WorkflowEmitter
{
    private const string Runtime = CSharp.Runtime;
    private const string Tasks = "global::System.Threading.Tasks";

    // What a step method returns. A ValueTask: a step whose request is answered at once (a handler in process, a
    // cache) then completes without a Task of its own.
    private const string StepTask = Tasks + ".ValueTask<" + Runtime + ".StepTransition>";
    private const string GeneratedCode =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"ArazzoGen\", \"" + ThisAssembly.Version + "\")]";

    public static string Emit(DocumentSpec document)
    {
        var w = new SourceWriter();
        w.FileStart(document.SourceFileName, document.Namespace);
        w.Line();
        w.Separated(document.Workflows, workflow =>
        {
            EmitInputs(w, workflow);
            w.Line();
            EmitOutputs(w, workflow);
            w.Line();
            EmitWorkflow(w, workflow, document);
        });

        w.Close();
        return w.ToString();
    }

    private static void EmitInputs(SourceWriter w, WorkflowSpec workflow)
    {
        w.Line($"/// <summary>The inputs of workflow <c>{CSharp.XmlDoc(workflow.WorkflowId)}</c>.</summary>");
        w.Line(GeneratedCode);
        w.Open($"public sealed record {workflow.InputsType}");
        w.Separated(workflow.Inputs, input =>
        {
            Summary(
                w,
                input.Description ?? $"The input <c>{CSharp.XmlDoc(input.Name)}</c>.",
                escape: input.Description is not null);
            if (input.Secret)
            {
                w.Line("/// <remarks>A secret: <c>ToString()</c> shows <c>***</c> for it.</remarks>");
            }

            var type = input.Required ? input.Type : input.Type + "?";
            var required = input.Required ? "required " : string.Empty;
            w.Line($"public {required}{type} {input.Property} {{ get; init; }}");
        });

        EmitPrintMembers(w, workflow.Inputs.Select(i => (i.Property, i.Secret)).ToList(), "inputs");
        w.Close();
    }

    private static void EmitOutputs(SourceWriter w, WorkflowSpec workflow)
    {
        w.Line($"/// <summary>The outputs of workflow <c>{CSharp.XmlDoc(workflow.WorkflowId)}</c>.</summary>");
        w.Line(GeneratedCode);
        w.Open($"public sealed record {workflow.OutputsType}");
        w.Separated(workflow.Outputs, output =>
        {
            w.Line($"/// <summary>The output <c>{CSharp.XmlDoc(output.Name)}</c>.</summary>");
            w.Line($"public {NullableType(output.Type)} {output.Property} {{ get; init; }}");
        });

        EmitPrintMembers(w, workflow.Outputs.Select(o => (o.Property, o.Secret)).ToList(), "outputs");
        w.Close();
    }

    /// <summary>
    /// A record's <c>PrintMembers</c> that writes <c>***</c> for its secrets, so <c>ToString()</c> (and any log line
    /// that formats the record) never shows them. Records without secrets keep the compiler's.
    /// </summary>
    private static void EmitPrintMembers(SourceWriter w, List<(string Property, bool Secret)> members, string what)
    {
        if (!members.Any(m => m.Secret))
        {
            return;
        }

        w.Line();
        w.Line($"/// <summary>Lists the {what} without the values of secrets.</summary>");
        w.Open("private bool PrintMembers(global::System.Text.StringBuilder builder)");
        var separator = string.Empty;
        foreach (var (property, secret) in members)
        {
            var value = secret ? "\"***\"" : property;
            w.Line($"builder.Append(\"{separator}{property} = \").Append({value});");
            separator = ", ";
        }

        w.Line("return true;");
        w.Close();
    }

    private static void EmitWorkflow(SourceWriter w, WorkflowSpec workflow, DocumentSpec document)
    {
        var ns = document.Namespace;
        Summary(
            w,
            workflow.Summary ?? $"Runs workflow <c>{CSharp.XmlDoc(workflow.WorkflowId)}</c>.",
            escape: workflow.Summary is not null);
        if (workflow.Description is { } description)
        {
            w.Line("/// <remarks>");
            foreach (var line in Wrap(CSharp.XmlDoc(description), 100))
            {
                w.Line("/// " + line);
            }

            w.Line("/// </remarks>");
        }

        w.Line(GeneratedCode);
        w.Open($"public sealed partial class {workflow.ClassName}");
        w.Line("/// <summary>The workflow's id in its Arazzo document.</summary>");
        w.Line($"public const string WorkflowId = {CSharp.Literal(workflow.WorkflowId)};");
        w.Line();
        var ids = string.Join(", ", workflow.Steps.Select(s => CSharp.Literal(s.StepId)));
        var stepIds = $"private static readonly string[] StepIds = {{ {ids} }};";
        if (stepIds.Length + 8 <= SourceWriter.MaxWidth)
        {
            w.Line(stepIds);
        }
        else
        {
            w.Line("private static readonly string[] StepIds =");
            w.Line("{");
            foreach (var step in workflow.Steps)
            {
                w.Line("    " + CSharp.Literal(step.StepId) + ",");
            }

            w.Line("};");
        }
        foreach (var pattern in workflow.Patterns)
        {
            w.Line();
            EmitPattern(w, pattern);
        }

        w.Line();
        w.Line("private readonly global::System.Net.Http.HttpClient _httpClient;");
        w.Line($"private readonly {Runtime}.ArazzoWorkflowOptions? _options;");
        w.Line("private readonly global::Microsoft.Extensions.Logging.ILogger? _logger;");
        w.Line();
        w.Line($"/// <summary>Creates the workflow over an HTTP client.</summary>");
        w.Line("/// <param name=\"httpClient\">");
        w.Line("/// Sends every request; its BaseAddress is used when the options set none.");
        w.Line("/// </param>");
        w.Line("/// <param name=\"options\">");
        w.Line("/// Base addresses, loop delay, step budget and timeouts; null for the defaults.");
        w.Line("/// </param>");
        w.Line("/// <param name=\"logger\">Receives a line per request and per action taken; null for none.</param>");
        w.Line($"public {workflow.ClassName}(");
        w.Line("    global::System.Net.Http.HttpClient httpClient,");
        w.Line($"    {Runtime}.ArazzoWorkflowOptions? options = null,");
        w.Line("    global::Microsoft.Extensions.Logging.ILogger? logger = null)");
        w.Line("{");
        w.Line("    _httpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));");
        w.Line("    _options = options;");
        w.Line("    _logger = logger;");
        w.Line("}");
        EmitRunAsync(w, workflow, document.LoopDelayMilliseconds);
        EmitRunStep(w, workflow);
        foreach (var step in workflow.Steps)
        {
            w.Line();
            EmitStep(w, workflow, step);
        }

        EmitActionTargets(w, workflow);

        w.Line();
        EmitBuildOutputs(w, workflow);
        w.Line();
        w.Line("private enum Step");
        w.Line("{");
        foreach (var step in workflow.Steps)
        {
            w.Line($"    {step.Name},");
        }

        w.Line("}");
        w.Line();
        EmitState(w, workflow, ns);
        w.Close();
    }

    /// <summary>
    /// The static field a criterion matches with, created once: a regex with a one-second match timeout, a JSONPath
    /// query or an XPath expression.
    /// </summary>
    private static void EmitPattern(SourceWriter w, PatternSpec pattern)
    {
        var (type, create, end) = pattern.Kind switch
        {
            PatternKind.JsonPath => ($"{Runtime}.JsonPathQuery", $"{Runtime}.JsonPathQuery.Parse(", ");"),
            PatternKind.XPath => ($"{Runtime}.XPathQuery", $"{Runtime}.XPathQuery.Compile(", ");"),
            _ => ("global::System.Text.RegularExpressions.Regex", "new(", ","),
        };
        w.Line($"private static readonly {type} {pattern.Field} = {create}");
        w.Line("    " + CSharp.Literal(pattern.Text) + end);

        if (pattern.Kind == PatternKind.Regex)
        {
            w.Line("    global::System.Text.RegularExpressions.RegexOptions.CultureInvariant,");
            w.Line("    global::System.TimeSpan.FromSeconds(1));");
        }
    }

    private static void EmitRunAsync(SourceWriter w, WorkflowSpec workflow, int? loopDelayMilliseconds)
    {
        w.Line();
        w.Line("/// <summary>Runs the workflow to its end.</summary>");
        w.Line("/// <param name=\"inputs\">The workflow's inputs.</param>");
        w.Line("/// <param name=\"cancellationToken\">");
        w.Line("/// Stops the run; it then throws <see cref=\"global::System.OperationCanceledException\"/>.");
        w.Line("/// </param>");
        w.Line("/// <returns>Which action ended the run and the outputs, or where and why it failed.</returns>");
        w.Line($"public async {Tasks}.Task<{Runtime}.WorkflowResult<{workflow.OutputsType}>> RunAsync(");
        w.Line($"    {workflow.InputsType} inputs,");
        w.Line("    global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("{");
        w.Line("    global::System.ArgumentNullException.ThrowIfNull(inputs);");
        foreach (var input in workflow.Inputs.Where(i => i.Required && i.IsReferenceType))
        {
            var member = "inputs." + input.Property;
            w.Line($"    global::System.ArgumentNullException.ThrowIfNull({member}, \"{member}\");");
        }

        var firstStep = workflow.Steps[0].Name;
        w.Line($"    using var run = new {Runtime}.WorkflowRun(");
        w.Line("        WorkflowId, StepIds, _httpClient, _options, _logger, cancellationToken);");
        if (loopDelayMilliseconds is { } delay)
        {
            // The project's ArazzoGenLoopDelay (or the document's ArazzoLoopDelay); options that set one win.
            var milliseconds = delay.ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Line($"    run.DefaultLoopDelay = global::System.TimeSpan.FromMilliseconds({milliseconds});");
        }

        w.Line("    var state = new State(inputs);");
        w.Line($"    var next = Step.{firstStep};");
        w.Line($"    var transition = {Runtime}.StepTransition.Continue((int)Step.{firstStep});");
        w.Line("    try");
        w.Line("    {");
        w.Indent(2);
        EmitDependsOn(w, workflow);
        w.Indent(-2);
        w.Line("        while (true)");
        w.Line("        {");
        var detours = HasDetours(workflow);
        if (detours)
        {
            w.Indent(3);
            EmitDetour(w, workflow);
            w.Indent(-3);
        }

        w.Line("            await run.BeforeStepAsync((int)next, transition).ConfigureAwait(false);");
        if (detours)
        {
            w.Line("            transition = await RunStepAsync(next, run, state).ConfigureAwait(false);");
        }
        else
        {
            w.Indent(3);
            EmitStepSwitch(w, workflow, "transition = next switch");
            w.Indent(-3);
        }

        w.Line();
        w.Line($"            if (transition.Kind == {Runtime}.StepTransitionKind.End)");
        w.Line("            {");
        w.Line("                return run.Succeeded(BuildOutputs(state), transition.ActionName);");
        w.Line("            }");
        w.Line();
        w.Line($"            if (transition.Kind == {Runtime}.StepTransitionKind.Fail)");
        w.Line("            {");
        w.Line($"                return run.Failed<{workflow.OutputsType}>(transition.Failure!);");
        w.Line("            }");
        w.Line();
        w.Line("            next = (Step)transition.Target;");
        w.Line("        }");
        w.Line("    }");
        w.Line("    catch (global::System.Exception exception) when (run.IsWorkflowFailure(exception))");
        w.Line("    {");
        w.Line($"        return run.Failed<{workflow.OutputsType}>(exception);");
        w.Line("    }");
        w.Line("}");
    }

    private static void EmitStep(SourceWriter w, WorkflowSpec workflow, StepSpec step)
    {
        if (step.Call is not null)
        {
            EmitCallStep(w, workflow, step);
            return;
        }

        var operation = CSharp.XmlDoc(step.HttpMethod + " " + step.PathTemplate);
        var what = step.Description ?? step.OperationSummary;
        Summary(w, $"Step <c>{CSharp.XmlDoc(step.StepId)}</c>: " + (what is null
            ? "calls " + operation + "."
            : CSharp.XmlDoc(what)),
            escape: false);
        w.Line("/// <remarks>");
        var source = $"of source <c>{CSharp.XmlDoc(step.SourceName)}</c>.";
        if (operation.Length + source.Length > 90)
        {
            w.Line($"/// <c>{operation}</c>");
            w.Line("/// " + source);
        }
        else
        {
            w.Line($"/// <c>{operation}</c> {source}");
        }
        w.Line("/// </remarks>");
        w.Line($"private async {StepTask} {step.Name}Async(");
        w.Open($"    {Runtime}.WorkflowRun run, State state)");
        w.Line($"var request = new {Runtime}.StepRequest(");
        w.Line($"    {CSharp.Literal(step.StepId)},");
        w.Line($"    {CSharp.Literal(step.SourceName)},");
        w.Line($"    {CSharp.Literal(step.HttpMethod)},");
        w.Line($"    {CSharp.Literal(step.PathTemplate)},");
        w.Line($"    {CSharp.Literal(step.DefaultServer)});");
        foreach (var line in step.RequestCode)
        {
            w.Line(line);
        }

        w.Line();
        w.Line("var response = await run.SendAsync(request).ConfigureAwait(false);");
        w.Line();
        EmitSuccessCriteria(w, workflow, step);
        EmitOutputsAndSuccessActions(w, workflow, step);
        w.Close();
    }

    /// <summary>
    /// Checks the success criteria in order. With no failure actions and one criterion, a failure returns at once;
    /// otherwise the first criterion that failed is named and the failure actions are tried.
    /// </summary>
    /// <summary>After the criteria passed: the step's outputs, then its success actions or the next step.</summary>
    private static void EmitOutputsAndSuccessActions(SourceWriter w, WorkflowSpec workflow, StepSpec step)
    {
        if (step.Outputs.Count > 0)
        {
            w.Line();
            foreach (var output in step.Outputs)
            {
                w.Line($"state.{step.Name}.{output.Property} = {output.ValueCode}{Conversion(output.Type)};");
            }
        }

        w.Line();
        var unconditional = EmitActions(w, workflow, step, step.OnSuccess, failed: null);
        if (!unconditional)
        {
            w.Line(step.NextStep < 0
                ? $"return {Runtime}.StepTransition.End(null);"
                : $"return {Runtime}.StepTransition.Continue((int)Step.{workflow.Steps[step.NextStep].Name});");
        }
    }

    private static void EmitSuccessCriteria(SourceWriter w, WorkflowSpec workflow, StepSpec step)
    {
        var criteria = step.SuccessCriteria;
        if (step.Call is null && step.OnFailure.Count == 0 && criteria.Count == 1)
        {
            w.Open($"if (!({criteria[0].Code}))");
            var text = CSharp.Literal(criteria[0].Text);
            w.Line($"return {Runtime}.StepTransition.Fail(");
            w.Line($"    run.CriterionNotMet(response, {text}, response.UnusableBody));");
            w.Close();
            return;
        }

        w.Line("string? failedCriterion = null;");
        var keyword = "if";
        if (step.Call is { } call)
        {
            w.Open("if (!call.Succeeded)");
            w.Line($"failedCriterion = {CSharp.Literal($"workflow '{call.WorkflowId}' succeeded")};");
            w.Close();
            keyword = "else if";
        }

        foreach (var criterion in criteria)
        {
            w.Open($"{keyword} (!({criterion.Code}))");
            w.Line($"failedCriterion = {CSharp.Literal(criterion.Text)};");
            w.Close();
            keyword = "else if";
        }

        w.Line();
        w.Open("if (failedCriterion is not null)");

        // Taken before failure actions read the body: only a criterion's own read says why it could not hold.
        if (!step.OnFailure.Any(a => a.Type != "retry" && a.Criteria.Count == 0))
        {
            w.Line("var unusableBody = response.UnusableBody;");
        }

        if (!EmitActions(w, workflow, step, step.OnFailure, failed: "failedCriterion"))
        {
            EmitUnhandledFailure(w, step);
        }

        w.Close();
    }

    /// <summary>
    /// Tries the actions in order. Returns true when one has no criteria: it always applies, and code after it
    /// would be unreachable.
    /// </summary>
    private static bool EmitActions(
        SourceWriter w,
        WorkflowSpec workflow,
        StepSpec step,
        Infrastructure.EquatableArray<ActionSpec> actions,
        string? failed)
    {
        var conditions = actions
            .Select(a => string.Join(" && ", a.Criteria.Select(c => a.Criteria.Count > 1 ? $"({c.Code})" : c.Code)))
            .ToList();

        // Failure actions are left as they are: what they read decides what a failure says about the body.
        if (failed is null)
        {
            conditions = ShareBodyReads(w, conditions);
        }

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var result = ActionResult(workflow, step, action, failed);
            var condition = conditions[i];
            if (action.Type == "retry")
            {
                var retry = $"run.TryRetry({CSharp.Literal(step.StepId + "/" + action.Name)}, {action.RetryLimit})";
                condition = condition.Length == 0 ? retry : "(" + condition + ") && " + retry;
            }

            if (condition.Length == 0)
            {
                w.Line($"// Action '{CSharp.Comment(action.Name)}' has no criteria, so it always applies.");
                w.Line("return " + result + ";");
                return true;
            }

            w.Line($"// Action '{CSharp.Comment(action.Name)}'.");
            w.Open($"if ({condition})");
            w.Line("return " + result + ";");
            w.Close();
            w.Line();
        }

        return false;
    }

    private static string ActionResult(WorkflowSpec workflow, StepSpec step, ActionSpec action, string? failed)
    {
        var name = CSharp.Literal(action.Name);
        switch (action.Type)
        {
            case "end" when failed is not null:
                return $"{Runtime}.StepTransition.Fail(run.EndedByFailureAction(response, {failed}, {name}))";
            case "end":
                return $"{Runtime}.StepTransition.End({name})";
            case "goto" when action.TargetWorkflow is { } target:
                return ThenRun(target, $"{Runtime}.StepTransition.End({name})");
            case "goto":
                return $"{Runtime}.StepTransition.GoTo((int)Step.{workflow.Steps[action.Target].Name}, {name})";
            default:
                var delay = $"{Runtime}.WorkflowRun.RetryDelay(response, {CSharp.Number(action.RetryAfter)})";
                var retry = action.Detour >= 0
                    ? $"{Runtime}.StepTransition.RetryAfterStep((int)Step.{step.Name}, "
                      + $"(int)Step.{workflow.Steps[action.Detour].Name}, {name}, {delay})"
                    : $"{Runtime}.StepTransition.Retry((int)Step.{step.Name}, {name}, {delay})";
                return action.TargetWorkflow is { } first ? ThenRun(first, retry) : retry;
        }
    }

    private static void EmitBuildOutputs(SourceWriter w, WorkflowSpec workflow)
    {
        if (workflow.Outputs.Count == 0)
        {
            w.Line($"private static {workflow.OutputsType} BuildOutputs(State state) => new();");
            return;
        }

        w.Line($"private static {workflow.OutputsType} BuildOutputs(State state) => new()");
        w.Line("{");
        foreach (var output in workflow.Outputs)
        {
            w.Line($"    {output.Property} = {OutputValue(output)},");
        }

        w.Line("};");
    }

    /// <summary><c>ArazzoValue.From(state.X.Y)</c> of a typed value is just <c>state.X.Y</c>.</summary>
    private static string OutputValue(WorkflowOutputSpec output)
    {
        const string Prefix = Runtime + ".ArazzoValue.From(state.";
        var code = output.ValueCode;
        if (output.IsText)
        {
            return code;
        }

        if (code.StartsWith(Prefix, System.StringComparison.Ordinal) && code.EndsWith(
            ")",
            System.StringComparison.Ordinal)
            && code.IndexOf('(', Prefix.Length) < 0)
        {
            return code.Substring(Prefix.Length - "state.".Length, code.Length - Prefix.Length + "state.".Length - 1);
        }

        return code + Conversion(output.Type);
    }

    /// <summary>The call that takes a typed value out of an <c>ArazzoValue</c>.</summary>
    private static string Conversion(string type) => type switch
    {
        "string" => ".AsString()",
        "long" => ".AsInt64()",
        "int" => ".AsInt32()",
        "double" => ".AsDouble()",
        "bool" => ".AsBoolean()",
        _ => ".AsJson()",
    };

    private static void EmitState(SourceWriter w, WorkflowSpec workflow, string ns)
    {
        w.Line("/// <summary>What the steps of one run have produced so far.</summary>");
        w.Open("private sealed class State");
        w.Line($"public State({workflow.InputsType} inputs) => Inputs = inputs;");
        w.Line();
        w.Line($"public {workflow.InputsType} Inputs {{ get; }}");
        foreach (var step in workflow.Steps)
        {
            w.Line();
            w.Line($"public {step.Name}Outputs {step.Name} {{ get; }} = new();");
        }

        foreach (var ran in workflow.Ran)
        {
            w.Line();
            w.Line($"/// <summary>The outputs of the latest run of <see cref=\"{ran}\"/>, if it succeeded.</summary>");
            w.Line($"public global::{ns}.{OutputsTypeOf(ran)}? Ran{ran} {{ get; set; }}");
        }


        // The step outputs classes live inside State: there a step named like its workflow cannot hide the
        // workflow's own <Workflow>Outputs record from RunAsync and BuildOutputs.
        foreach (var step in workflow.Steps)
        {
            w.Line();
            var stepId = CSharp.XmlDoc(step.StepId);
            Summary(w, $"The outputs of step <c>{stepId}</c>, as of its latest execution.", escape: false);
            w.Open($"public sealed class {step.Name}Outputs");
            w.Separated(
                step.Outputs,
                output => w.Line($"public {NullableType(output.Type)} {output.Property} {{ get; set; }}"));

            w.Close();
        }

        w.Close();
    }

    private static string NullableType(string type) => type switch
    {
        "string" => "string?",
        "long" => "long?",
        "int" => "int?",
        "double" => "double?",
        "bool" => "bool?",
        _ => "global::System.Text.Json.JsonElement?",
    };

    private static void Summary(SourceWriter w, string text, bool escape)
    {
        var body = escape ? CSharp.XmlDoc(text) : text;
        var lines = Wrap(body, 100).ToList();

        // On one line with its tags only when that stays within the width at a member's indentation.
        if (lines.Count == 1 && lines[0].Length <= 84)
        {
            w.Line($"/// <summary>{lines[0]}</summary>");
            return;
        }

        w.Line("/// <summary>");
        foreach (var line in lines)
        {
            w.Line("/// " + line);
        }

        w.Line("/// </summary>");
    }

    private static System.Collections.Generic.IEnumerable<string> Wrap(string text, int width)
    {
        var words = text.Split(new[] { ' ', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries);
        var line = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
