using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

// What a call to another workflow passes and where actions go: the inputs of a sub-workflow step, of a dependsOn entry
// or of a goto/retry target, and the checks on dependsOn.
internal sealed partial class WorkflowBinder
{
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

            // A value handed to a secret input of the callee is a credential here too.
            if (input.Secret)
            {
                Secrets.CollectInputs(parameter.Value, _secretInputs);
            }

            // The same values a request parameter takes; an object or array is built by a JSON writer first.
            if (ValueOf(parameter.Value, compiler, literalScalarsAsText: false) is not { } value)
            {
                continue;
            }

            var local = "input" + input.Property;
            var setup = value.Lines.Count == 0
                ? EquatableArray<string>.Empty
                : JsonValueCall($"var {local} = ", value.Lines, ");").ToEquatableArray();
            var code = value.Lines.Count > 0 ? local
                : value.IsText ? $"{ExpressionCompiler.Value}.From({value.Code})"
                : value.Code;
            given.Add(new CallInputSpec(input.Property, InputValue(code, input, callee), setup));
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
                if (input.Secret)
                {
                    _secretInputs.Add(input.Name);
                }

                var value = $"{ExpressionCompiler.Value}.From(state.Inputs.{own.Property})";
                given.Add(new CallInputSpec(input.Property, InputValue(value, input, callee), default));
            }
            else if (input.Required)
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingWorkflowInput, span, why, callee.WorkflowId, input.Name,
                    $"add an input '{input.Name}' to workflow '{scope.Workflow.WorkflowId}'; it is passed on by name");
            }
        }

        return Call(callee, given);
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
