using System.Linq;
using ArazzoGen.Binding;

namespace ArazzoGen.Emit;

// Emission of one workflow running another: sub-workflow steps, dependsOn, goto and retry actions that name a
// workflow, and retries that run another step first.
internal static partial class WorkflowEmitter
{
    /// <summary>
    /// A step that runs a workflow. Its <c>$statusCode</c> and <c>$response</c> are the callee's last response;
    /// a failed callee fails the step, so its failure actions apply.
    /// </summary>
    private static void EmitCallStep(SourceWriter w, WorkflowSpec workflow, StepSpec step)
    {
        var call = step.Call!;
        var what = step.Description is null
            ? $"runs workflow <c>{CSharp.XmlDoc(call.WorkflowId)}</c>."
            : CSharp.XmlDoc(step.Description);
        Summary(w, $"Step <c>{CSharp.XmlDoc(step.StepId)}</c>: " + what, escape: false);
        w.Line("/// <remarks>");
        w.Line($"/// Runs <see cref=\"{call.ClassName}\"/>.");
        w.Line("/// </remarks>");
        w.Line($"private async {StepTask} {step.Name}Async(");
        w.Open($"    {Runtime}.WorkflowRun run, State state)");
        EmitCall(w, "call", call);
        w.Line($"state.Ran{call.ClassName} = call.Outputs;");
        w.Line($"var response = call.LastResponse ?? {Runtime}.StepResponse.None;");
        w.Line();
        EmitSuccessCriteria(w, workflow, step);
        EmitOutputsAndSuccessActions(w, workflow, step);
        w.Close();
    }

    /// <summary><c>var name = await run.CallWorkflowAsync(…)</c> with the callee's inputs.</summary>
    private static void EmitCall(SourceWriter w, string name, WorkflowCallSpec call)
    {
        foreach (var line in call.Inputs.SelectMany(i => i.Setup))
        {
            w.Line(line);
        }

        w.Line($"var {name} = await run.CallWorkflowAsync(");
        w.Line($"    {CSharp.Literal(call.WorkflowId)},");
        w.Line($"    token => new {call.ClassName}(_httpClient, _options, _logger).RunAsync(");
        if (call.Inputs.Count == 0)
        {
            w.Line($"        new {call.InputsType}(),");
        }
        else
        {
            w.Line($"        new {call.InputsType}");
            w.Line("        {");
            w.Indent(3);
            foreach (var input in call.Inputs)
            {
                w.Line($"{input.Property} = {input.Code},");
            }

            w.Indent(-3);
            w.Line("        },");
        }

        w.Line("        token)).ConfigureAwait(false);");
    }

    /// <summary>The failure when no failure action handled a failed step.</summary>
    private static void EmitUnhandledFailure(SourceWriter w, StepSpec step)
    {
        if (step.Call is { } call)
        {
            w.Open("if (!call.Succeeded)");
            w.Line($"return {Runtime}.StepTransition.Fail(");
            w.Line($"    run.SubWorkflowFailed({CSharp.Literal(call.WorkflowId)}, call.Failure!));");
            w.Close();
            w.Line();
        }

        w.Line($"return {Runtime}.StepTransition.Fail(run.CriterionNotMet(response, failedCriterion, unusableBody));");
    }

    /// <summary>An action result that first runs workflow <paramref name="className"/>.</summary>
    private static string ThenRun(string className, string then)
        => $"await Run{className}ThenAsync(run, state, {then}).ConfigureAwait(false)";

    /// <summary>One method per workflow a goto or retry action runs: run it, then go on if it succeeded.</summary>
    private static void EmitActionTargets(SourceWriter w, WorkflowSpec workflow)
    {
        foreach (var target in workflow.Targets)
        {
            w.Line();
            w.Line($"/// <summary>Runs <see cref=\"{target.ClassName}\"/> for an action; then goes on as");
            w.Line("/// <paramref name=\"then\"/> says if it succeeded, or fails.</summary>");
            w.Line($"private async {StepTask} Run{target.ClassName}ThenAsync(");
            w.Open($"    {Runtime}.WorkflowRun run, State state, {Runtime}.StepTransition then)");
            EmitCall(w, "result", target);
            w.Line($"state.Ran{target.ClassName} = result.Outputs;");
            w.Line("return result.Succeeded");
            w.Line("    ? then");
            w.Line($"    : {Runtime}.StepTransition.Fail(");
            w.Line($"        run.SubWorkflowFailed({CSharp.Literal(target.WorkflowId)}, result.Failure!));");
            w.Close();
        }
    }

    /// <summary>The workflows of <c>dependsOn</c> run before the first step; one that fails ends the run.</summary>
    private static void EmitDependsOn(SourceWriter w, WorkflowSpec workflow)
    {
        var index = 0;
        foreach (var dependency in workflow.DependsOn)
        {
            var name = "dependency" + (++index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Line($"// dependsOn: workflow '{CSharp.Comment(dependency.WorkflowId)}' runs first.");
            EmitCall(w, name, dependency);
            w.Line($"state.Ran{dependency.ClassName} = {name}.Outputs;");
            w.Open($"if (!{name}.Succeeded)");
            w.Line($"return run.Failed<{workflow.OutputsType}>(");
            w.Line($"    run.DependencyFailed({CSharp.Literal(dependency.WorkflowId)}, {name}.Failure!));");
            w.Close();
            w.Line();
        }
    }

    private static bool HasDetours(WorkflowSpec workflow)
        => workflow.Steps.Any(s => s.OnFailure.Any(a => a.Detour >= 0));

    /// <summary>
    /// A retry that names a step runs that step first (after the retry's delay), then the step it retries.
    /// </summary>
    private static void EmitDetour(SourceWriter w, WorkflowSpec workflow)
    {
        w.Open("if (transition.Detour >= 0)");
        w.Line("await run.BeforeStepAsync(transition.Detour, transition).ConfigureAwait(false);");
        w.Line("var detour = await RunStepAsync((Step)transition.Detour, run, state).ConfigureAwait(false);");
        w.Open($"if (detour.Kind == {Runtime}.StepTransitionKind.Fail)");
        w.Line($"return run.Failed<{workflow.OutputsType}>(detour.Failure!);");
        w.Close();
        w.Line();
        w.Line($"transition = {Runtime}.StepTransition.Continue((int)next);");
        w.Close();
        w.Line();
    }

    /// <summary>Dispatches a step by its enumeration value.</summary>
    private static void EmitStepSwitch(SourceWriter w, WorkflowSpec workflow, string head)
    {
        w.Line(head);
        w.Line("{");
        foreach (var step in workflow.Steps)
        {
            w.Line($"    Step.{step.Name} => await {step.Name}Async(run, state).ConfigureAwait(false),");
        }

        w.Line("    _ => throw new global::System.InvalidOperationException(\"Unknown step \" + next),");
        w.Line("};");
    }

    /// <summary>The step dispatch as a method, for workflows whose retries run another step first.</summary>
    private static void EmitRunStep(SourceWriter w, WorkflowSpec workflow)
    {
        if (!HasDetours(workflow))
        {
            return;
        }

        w.Line();
        w.Line($"private async {StepTask} RunStepAsync(");
        w.Open($"    Step next, {Runtime}.WorkflowRun run, State state)");
        EmitStepSwitch(w, workflow, "return next switch");
        w.Close();
    }

    /// <summary>The outputs record of a generated workflow class, by the naming rule binding follows.</summary>
    private static string OutputsTypeOf(string className)
        => className.Substring(0, className.Length - "Workflow".Length) + "Outputs";
}
