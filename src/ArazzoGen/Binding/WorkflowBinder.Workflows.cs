using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

// Workflows that run other workflows: a step with a workflowId (its parameters are the callee's inputs), a goto
// or retry action that names a workflow, and dependsOn. A workflow run without a step's parameters (dependsOn, a
// goto or retry target) is given the inputs of the current workflow that have the same names.
internal sealed partial class WorkflowBinder
{
    private readonly Dictionary<string, WorkflowSignature> _signatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workflow> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    /// <summary>
    /// Gives every workflow its C# names and typed inputs before any is bound, since steps may run workflows
    /// declared later in the document.
    /// </summary>
    private void DeclareWorkflows()
    {
        var baseNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workflow in _document.Workflows)
        {
            if (_declared.ContainsKey(workflow.WorkflowId))
            {
                var first = _document.Workflows.First(
                    w => string.Equals(w.WorkflowId, workflow.WorkflowId, StringComparison.Ordinal));
                _diagnostics.AddWithRelated(
                    DiagnosticDescriptors.DuplicateId,
                    workflow.IdSpan,
                    first.IdSpan,
                    "Workflow id",
                    workflow.WorkflowId);
                continue;
            }

            // A workflow whose text already has errors is not bound: its follow-on errors would only add noise.
            if (workflow.HasReadErrors)
            {
                _failed.Add(workflow.WorkflowId);
                continue;
            }

            // The inputs and outputs records share the class's base name, numeric suffix included.
            var baseName = Unique(BaseName(workflow.WorkflowId), workflow.WorkflowId, baseNames, workflow.IdSpan);
            var className = baseName + "Workflow";

            // All documents generate into one namespace: the document first in path order keeps a class name.
            var owner = OwnerOf(className, _document.Path);
            if (owner is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.ClassInTwoDocuments, workflow.IdSpan, workflow.WorkflowId,
                    className, PathUtil.FileName(owner.Path));
                _failed.Add(workflow.WorkflowId);
                continue;
            }

            var mark = _diagnostics.Mark();
            var inputs = BindInputs(workflow, baseName + "Inputs");
            if (_diagnostics.HasErrorsSince(mark))
            {
                _failed.Add(workflow.WorkflowId);
            }

            _declared[workflow.WorkflowId] = workflow;
            _signatures[workflow.WorkflowId] = new WorkflowSignature(
                workflow.WorkflowId,
                className,
                baseName + "Inputs",
                baseName + "Outputs",
                inputs.ToEquatableArray(),
                EquatableArray<OutputSignature>.Empty);
        }
    }

    /// <summary>
    /// The C# base name of a workflow: its id in PascalCase, without a trailing "Workflow" (an id that already ends in
    /// "workflow" does not say it twice: basic-auth-workflow is BasicAuthWorkflow).
    /// </summary>
    internal static string BaseName(string workflowId)
    {
        var name = CSharp.Pascal(workflowId);
        return name.Length > "Workflow".Length && name.EndsWith("Workflow", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Workflow".Length)
            : name;
    }

    /// <summary>Another document, before <paramref name="path"/> in path order, that declares the class.</summary>
    private DocumentSignatures? OwnerOf(string className, string path)
        => _documents.FirstOrDefault(d => string.CompareOrdinal(d.Path, path) < 0 && d.ClassNames.Contains(className));

    /// <summary>
    /// The declared workflows with every workflow a workflow runs ahead of it, so that the outputs of a callee are
    /// typed when its caller is bound. In a cycle the first workflow reached is bound first.
    /// </summary>
    private List<Workflow> BindOrder()
    {
        var order = new List<Workflow>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit(Workflow workflow)
        {
            if (!visited.Add(workflow.WorkflowId))
            {
                return;
            }

            foreach (var callee in Callees(workflow))
            {
                if (_declared.TryGetValue(callee, out var next))
                {
                    Visit(next);
                }
            }

            order.Add(workflow);
        }

        foreach (var workflow in _declared.Values)
        {
            Visit(workflow);
        }

        return order;
    }

    private static IEnumerable<string> Callees(Workflow workflow)
    {
        foreach (var dependency in workflow.DependsOn)
        {
            yield return dependency.WorkflowId;
        }

        foreach (var step in workflow.Steps)
        {
            if (step.WorkflowId is { } id)
            {
                yield return id;
            }

            foreach (var action in step.OnSuccess.Concat(step.OnFailure))
            {
                if (action.WorkflowId is { } target)
                {
                    yield return target;
                }
            }
        }

        foreach (var action in workflow.SuccessActions.Concat(workflow.FailureActions))
        {
            if (action.WorkflowId is { } target)
            {
                yield return target;
            }
        }

        // $workflows.<id>.outputs reads a workflow's outputs: their types must be known first.
        foreach (var text in Texts(workflow))
        {
            foreach (System.Text.RegularExpressions.Match match in WorkflowsReference.Matches(text))
            {
                yield return match.Groups["id"].Value;
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex WorkflowsReference = new(
        @"\$workflows\.(?<id>[^\s{}]+?)\.outputs\.",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>Every string of a workflow that may hold a runtime expression.</summary>
    private static IEnumerable<string> Texts(Workflow workflow)
    {
        static IEnumerable<string> Payload(PayloadNode? node)
            => node is null
                ? Enumerable.Empty<string>()
                : new[] { node.Text }.Concat(node.Members.SelectMany(m => Payload(m.Value)))
                    .Concat(node.Items.SelectMany(Payload));

        static IEnumerable<string> Criteria(IEnumerable<Criterion> criteria)
            => criteria.SelectMany(c => new[] { c.Condition, c.Context ?? string.Empty });

        var actions = workflow.SuccessActions.Concat(workflow.FailureActions)
            .Concat(workflow.Steps.SelectMany(s => s.OnSuccess.Concat(s.OnFailure)));
        return workflow.Outputs.Select(o => o.Expression)
            .Concat(workflow.Parameters.SelectMany(p => Payload(p.Value)))
            .Concat(Criteria(actions.SelectMany(a => a.Criteria)))
            .Concat(workflow.Steps.SelectMany(s => s.Parameters.SelectMany(p => Payload(p.Value))
                .Concat(Payload(s.RequestBody?.Payload))
                .Concat(Criteria(s.SuccessCriteria))
                .Concat(s.Outputs.Select(o => o.Expression))));
    }

    /// <summary>A workflow of this document by id; null when there is none or it failed to bind.</summary>
    private WorkflowSignature? FindWorkflow(string id)
        => !_failed.Contains(id) && _signatures.TryGetValue(id, out var signature) ? signature : null;

    /// <summary>
    /// The workflow a step, action or dependsOn names: a bare id of this document, or
    /// <c>$sourceDescriptions.&lt;name&gt;.&lt;id&gt;</c> of an <c>arazzo</c> source (the older
    /// <c>$sourceDescriptions.&lt;name&gt;.workflows.&lt;id&gt;</c> is read too). Reports what does not resolve,
    /// except a workflow of this document that exists but failed to bind (reported where it is).
    /// </summary>
    private WorkflowSignature? LookupWorkflow(string reference, SourceSpan span)
    {
        const string Qualified = "$sourceDescriptions.";
        if (!reference.StartsWith(Qualified, StringComparison.Ordinal))
        {
            if (FindWorkflow(reference) is { } local)
            {
                return local;
            }

            if (!_declared.ContainsKey(reference) && !_failed.Contains(reference))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Workflow", reference,
                    Suggestions.DidYouMean(reference, _document.Workflows.Select(w => w.WorkflowId)));
            }

            return null;
        }

        var rest = reference.Substring(Qualified.Length);
        var dot = rest.IndexOf('.');
        var sourceName = dot < 0 ? rest : rest.Substring(0, dot);
        var id = dot < 0 ? string.Empty : rest.Substring(dot + 1);
        if (id.StartsWith("workflows.", StringComparison.Ordinal))
        {
            id = id.Substring("workflows.".Length);
        }

        if (!_arazzoSources.TryGetValue(sourceName, out var document))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Arazzo source description", sourceName,
                Suggestions.DidYouMean(sourceName, _arazzoSources.Keys));
            return null;
        }

        if (document is null)
        {
            return null; // The source itself was reported as missing.
        }

        var found = document.Workflows.FirstOrDefault(w => w.WorkflowId == id);
        var owner = found is null ? null : OwnerOf(found.ClassName, document.Path)?.Path
            ?? (_signatures.Values.Any(s => s.ClassName == found.ClassName) ? _document.Path : null);
        if (found is not null && owner is not null)
        {
            // The callee's class is another's (this document's, or one earlier in path order): it is not generated.
            _diagnostics.Add(DiagnosticDescriptors.ClassInTwoDocuments, span, id, found.ClassName,
                PathUtil.FileName(owner));
            return null;
        }

        if (found is null && document.NotGenerated.Contains(id))
        {
            _diagnostics.Add(DiagnosticDescriptors.CalleeNotGenerated, span, id, PathUtil.FileName(document.Path));
        }
        else if (found is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownReference, span, "Workflow", id,
                $" in source '{sourceName}'"
                + Suggestions.DidYouMean(id, document.Workflows.Select(w => w.WorkflowId)));
        }

        return found;
    }

    /// <summary>Resolves a step's <c>workflowId</c>; reports an unknown one.</summary>
    private void ResolveWorkflowStep(StepSymbol symbol, string workflowId)
        => symbol.Callee = LookupWorkflow(workflowId, symbol.Step.TargetSpan);

    /// <summary>A step that runs a workflow: its parameters (without <c>in</c>) become the callee's inputs.</summary>
    private WorkflowCallSpec? BindCallStep(StepSymbol symbol, WorkflowSignature callee, ExpressionCompiler compiler)
    {
        var step = symbol.Step;
        var given = new List<CallInputSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in step.Parameters)
        {
            var input = callee.Inputs.FirstOrDefault(i => i.Name == parameter.Name);
            if (input is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownReference, parameter.Span,
                    "Input", parameter.Name, callee.Inputs.Count == 0
                        ? $" (workflow '{callee.WorkflowId}' declares no inputs)"
                        : $" in workflow '{callee.WorkflowId}'"
                        + Suggestions.DidYouMean(parameter.Name, callee.Inputs.Select(i => i.Name)));
                continue;
            }

            if (!names.Add(parameter.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateId, parameter.Span, "Parameter", parameter.Name);
                continue;
            }

            if (CompilePayloadValue(parameter.Value, compiler) is { } value)
            {
                given.Add(new CallInputSpec(input.Property, InputValue(value, input, callee)));
            }
        }

        foreach (var missing in callee.Inputs.Where(i => i.Required && !names.Contains(i.Name)))
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingWorkflowInput, step.TargetSpan, $"Step '{step.StepId}'",
                callee.WorkflowId, missing.Name, "add a parameter with that name to the step");
        }

        return Call(callee, given);
    }

    /// <summary>
    /// A run of <paramref name="callee"/> given the current workflow's inputs of the same names; a required input the
    /// current workflow lacks is reported (<paramref name="why"/> says what runs it).
    /// </summary>
    private WorkflowCallSpec CallWithOwnInputs(
        WorkflowSignature callee,
        BindingScope scope,
        SourceSpan span,
        string why)
    {
        var given = new List<CallInputSpec>();
        foreach (var input in callee.Inputs)
        {
            if (scope.Inputs.TryGetValue(input.Name, out var own))
            {
                var value = $"{ExpressionCompiler.Value}.From(state.Inputs.{own.Property})";
                given.Add(new CallInputSpec(input.Property, InputValue(value, input, callee)));
            }
            else if (input.Required)
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingWorkflowInput, span, why, callee.WorkflowId, input.Name,
                    $"add an input '{input.Name}' to workflow '{scope.Workflow.WorkflowId}'; it is passed on by name");
            }
        }

        return Call(callee, given);
    }

    /// <summary>A parameter value as code of type <c>ArazzoValue</c>; null (reported) when it cannot compile.</summary>
    private string? CompilePayloadValue(PayloadNode value, ExpressionCompiler compiler)
    {
        switch (value.Kind)
        {
            case PayloadKind.String:
                var text = compiler.CompileString(value.Text, value.Span);
                return text.Ok ? text.AsValueCode() : null;
            case PayloadKind.Null:
                return ExpressionCompiler.Value + ".Null";
            default:
                if (ContainsExpression(value))
                {
                    _diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, value.Span,
                        "An object or array with runtime expressions inside", "an input given to a workflow");
                    return null;
                }

                return $"{CSharp.Runtime}.ArazzoJson.Parse({CSharp.Literal(LiteralJson(value))})";
        }
    }

    private static bool ContainsExpression(PayloadNode node)
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

    private static WorkflowCallSpec Call(WorkflowSignature callee, List<CallInputSpec> inputs)
        => new(callee.WorkflowId, callee.ClassName, callee.InputsType, callee.OutputsType, inputs.ToEquatableArray());

    /// <summary>The code that turns an <c>ArazzoValue</c> into the C# type of a callee's input.</summary>
    private static string InputValue(string valueCode, InputSpec input, WorkflowSignature callee)
    {
        const string List = "global::System.Collections.Generic.IReadOnlyList<";
        var element = input.Type.StartsWith(List, StringComparison.Ordinal)
            ? input.Type.Substring(List.Length, input.Type.Length - List.Length - 1)
            : null;
        var conversion = (element ?? input.Type) switch
        {
            "string" => "AsString",
            "long" => "AsInt64",
            "int" => "AsInt32",
            "double" => "AsDouble",
            "bool" => "AsBoolean",
            _ => "AsJson",
        };
        if (element is not null)
        {
            conversion = conversion switch
            {
                "AsString" => "AsStringList",
                "AsInt64" => "AsInt64List",
                "AsInt32" => "AsInt32List",
                "AsDouble" => "AsDoubleList",
                "AsBoolean" => "AsBooleanList",
                _ => "AsJsonList",
            };
        }

        var workflow = CSharp.Literal(callee.WorkflowId);
        var name = CSharp.Literal(input.Name);
        var code = $"run.Input({valueCode}, {workflow}, {name}, static value => value.{conversion}())";
        return input.Required
            ? $"run.RequireInput({code}, {CSharp.Literal(callee.WorkflowId)}, {CSharp.Literal(input.Name)})"
            : code;
    }

    /// <summary>
    /// Resolves where an action goes: a step (goto), the current step again after another step or a workflow
    /// (retry), or a workflow (goto).
    /// </summary>
    private bool BindActionTarget(
        ActionObject action,
        StepSymbol current,
        List<StepSymbol> all,
        BindingScope scope,
        out int target,
        out int detour,
        out string? workflow)
    {
        target = action.Type == "retry" ? current.Index : -1;
        detour = -1;
        workflow = null;
        if (action.Type == "end" && (action.StepId ?? action.WorkflowId) is { } ignored)
        {
            // An end action goes nowhere: a target there is a mistake, not something to ignore.
            _diagnostics.Add(DiagnosticDescriptors.WrongType, action.TargetSpan,
                action.StepId is null ? "workflowId" : "stepId", $"absent on end action '{action.Name}'",
                "'" + ignored + "'");
            return false;
        }

        if (action.WorkflowId is { } workflowId)
        {
            if (LookupWorkflow(workflowId, action.TargetSpan) is not { } callee)
            {
                return false;
            }

            var call = CallWithOwnInputs(callee, scope, action.TargetSpan, $"Action '{action.Name}'");
            scope.ActionTargets[callee.ClassName] = call;
            workflow = callee.ClassName;
            return true;
        }

        if (action.Type == "goto" && action.StepId is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingField, action.Span, $"Action '{action.Name}'",
                "its target: a goto action needs 'stepId' or 'workflowId'");
            return false;
        }

        if (action.Type == "end" || action.StepId is null)
        {
            return true;
        }

        var index = all.FindIndex(s => s.Step.StepId == action.StepId);
        if (index < 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownStepTarget, action.TargetSpan, action.Name, action.StepId,
                scope.Workflow.WorkflowId, Suggestions.DidYouMean(action.StepId, all.Select(s => s.Step.StepId)));
            return false;
        }

        if (action.Type == "goto")
        {
            target = index;
        }
        else
        {
            detour = index;
        }

        return true;
    }

    /// <summary>
    /// The workflows run before the first step: dependsOn, then any workflow whose outputs an expression reads
    /// without the workflow running it otherwise (run first as if listed, with an info diagnostic).
    /// </summary>
    private List<WorkflowCallSpec> BindDependsOn(Workflow workflow, BindingScope scope)
    {
        var result = new List<WorkflowCallSpec>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in workflow.DependsOn)
        {
            if (!listed.Add(dependency.WorkflowId))
            {
                continue;
            }

            if (DependencyPath(dependency.WorkflowId, workflow.WorkflowId) is { } cycle)
            {
                _diagnostics.Add(DiagnosticDescriptors.DependencyCycle, dependency.Span, workflow.WorkflowId,
                    workflow.WorkflowId + " -> " + string.Join(" -> ", cycle));
                continue;
            }

            if (LookupWorkflow(dependency.WorkflowId, dependency.Span) is { } callee)
            {
                listed.Add(callee.WorkflowId);
                var why = $"The dependsOn of workflow '{workflow.WorkflowId}'";
                result.Add(CallWithOwnInputs(callee, scope, dependency.Span, why));
            }
        }

        var run = new HashSet<string>(
            workflow.Steps.Select(s => s.WorkflowId).OfType<string>().Concat(scope.ActionTargets.Values
                .Select(c => c.WorkflowId)),
            StringComparer.Ordinal);
        foreach (var read in scope.ReadWorkflows.Values.OrderBy(w => w.WorkflowId, StringComparer.Ordinal))
        {
            if (listed.Contains(read.WorkflowId) || run.Contains(read.WorkflowId)
                || read.WorkflowId == workflow.WorkflowId)
            {
                continue;
            }

            _diagnostics.Add(DiagnosticDescriptors.ImplicitDependency, workflow.IdSpan, workflow.WorkflowId,
                read.WorkflowId);
            listed.Add(read.WorkflowId);
            var why = $"The dependsOn of workflow '{workflow.WorkflowId}'";
            result.Add(CallWithOwnInputs(read, scope, workflow.IdSpan, why));
        }

        return result;
    }

    /// <summary>
    /// The dependsOn chain from <paramref name="from"/> that reaches <paramref name="target"/>, or null when none does.
    /// </summary>
    private List<string>? DependencyPath(string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string>? Walk(string id)
        {
            if (id == target)
            {
                return new List<string> { id };
            }

            if (!seen.Add(id) || !_declared.TryGetValue(id, out var next))
            {
                return null;
            }

            foreach (var dependency in next.DependsOn)
            {
                if (Walk(dependency.WorkflowId) is { } rest)
                {
                    rest.Insert(0, id);
                    return rest;
                }
            }

            return null;
        }

        return Walk(from);
    }

    /// <summary>
    /// The class names of every workflow this one runs; the run's state keeps each one's latest outputs.
    /// </summary>
    private static EquatableArray<string> RanWorkflows(
        List<WorkflowCallSpec> dependsOn,
        List<StepSpec> steps,
        BindingScope scope)
        => dependsOn.Select(c => c.ClassName)
            .Concat(steps.Select(s => s.Call?.ClassName).OfType<string>())
            .Concat(scope.ActionTargets.Keys)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToEquatableArray();
}
