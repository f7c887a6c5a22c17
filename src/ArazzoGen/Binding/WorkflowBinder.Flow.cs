using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;

namespace ArazzoGen.Binding;

// The shape of a workflow's control flow, checked once its steps are bound: a step nothing can reach (ARZ0037) and a
// goto loop that no outcome can leave (ARZ0038). Both are warnings: the code is generated and runs, but not as the
// author can have meant.
internal sealed partial class WorkflowBinder
{
    private void CheckFlow(List<StepSpec> steps, List<StepSymbol> symbols)
    {
        if (steps.Count != symbols.Count || steps.Count == 0)
        {
            return;
        }

        var reachable = Reachable(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!reachable.Contains(i))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnreachableStep, symbols[i].Step.IdSpan, steps[i].StepId);
            }
        }

        var trapped = Trapped(steps);
        if (trapped.Count > 0 && trapped.Any(reachable.Contains))
        {
            var first = trapped.Min();
            _diagnostics.Add(DiagnosticDescriptors.InescapableLoop, symbols[first].Step.IdSpan,
                string.Join(", ", trapped.OrderBy(i => i).Select(i => "'" + steps[i].StepId + "'")));
        }
    }

    /// <summary>
    /// The steps some run can reach from the first, following every outcome an action or the order allows.
    /// </summary>
    private static HashSet<int> Reachable(List<StepSpec> steps)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(0);
        while (pending.Count > 0)
        {
            var index = pending.Pop();
            if (!seen.Add(index))
            {
                continue;
            }

            foreach (var next in Successors(steps[index]))
            {
                pending.Push(next);
            }
        }

        return seen;
    }

    /// <summary>
    /// Where a step can go: its actions' step targets, and the next step unless an action always applies.
    /// </summary>
    private static IEnumerable<int> Successors(StepSpec step)
    {
        var continues = true;
        foreach (var action in step.OnSuccess)
        {
            if (action.Type == "goto" && action.TargetWorkflow is null && action.Target >= 0)
            {
                yield return action.Target;
            }

            if (action.Criteria.Count == 0)
            {
                continues = false;
                break;
            }
        }

        if (continues && step.NextStep >= 0)
        {
            yield return step.NextStep;
        }

        foreach (var action in step.OnFailure)
        {
            if (action.Target >= 0 && action.TargetWorkflow is null)
            {
                yield return action.Target;
            }

            if (action.Detour >= 0)
            {
                yield return action.Detour;
            }

            if (action.Criteria.Count == 0)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Steps whose every outcome is a goto to another such step: success and failure both go, unconditionally, to a
    /// step of the set. Nothing but the step budget ends a run that enters it.
    /// </summary>
    private static HashSet<int> Trapped(List<StepSpec> steps)
    {
        int? Forced(IEnumerable<ActionSpec> actions)
        {
            var first = actions.FirstOrDefault();
            return first is { Type: "goto", TargetWorkflow: null, Criteria.Count: 0, Target: >= 0 }
                ? first.Target
                : null;
        }

        var targets = new Dictionary<int, (int Success, int Failure)>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (Forced(steps[i].OnSuccess) is { } success && Forced(steps[i].OnFailure) is { } failure)
            {
                targets[i] = (success, failure);
            }
        }

        var set = new HashSet<int>(targets.Keys);
        bool removed;
        do
        {
            removed = set.RemoveWhere(i => !set.Contains(targets[i].Success) || !set.Contains(targets[i].Failure)) > 0;
        }
        while (removed);

        return set;
    }
}
