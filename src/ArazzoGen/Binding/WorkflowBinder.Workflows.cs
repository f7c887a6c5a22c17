using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Configuration;
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
        foreach (var (workflow, index) in _document.Workflows.Select((w, i) => (w, i)))
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
            var (givenBase, givenClass) = ClassNameOf(workflow, index == 0, _settings);
            var baseName = Unique(givenBase, workflow.WorkflowId, baseNames, workflow.IdSpan);
            var className = baseName == givenBase ? givenClass : baseName + "Workflow";

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

        ReportUnusedClassNames();
    }

    /// <summary>An ArazzoClassNames entry for a workflow id the document does not have.</summary>
    private void ReportUnusedClassNames()
    {
        var ids = _document.Workflows.Select(w => w.WorkflowId).ToList();
        foreach (var setting in _settings.ClassNames.Where(c => c.WorkflowId is { } id && !ids.Contains(id)))
        {
            _diagnostics.Add(
                DiagnosticDescriptors.IgnoredSetting,
                SourceSpan.FileStart(_document.Path),
                "ArazzoClassNames",
                setting.WorkflowId + "=" + setting.ClassName,
                $"the document has no workflow '{setting.WorkflowId}'"
                + Suggestions.DidYouMean(setting.WorkflowId!, ids));
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

    /// <summary>
    /// A workflow's class name and the base name of its inputs and outputs records: from its id, or the class name
    /// the project gives it (ArazzoClassNames), whose records drop a trailing "Workflow" (DustRunWorkflow has
    /// DustRunInputs; DustRunner has DustRunnerInputs).
    /// </summary>
    internal static (string BaseName, string ClassName) ClassNameOf(
        Workflow workflow,
        bool isFirst,
        DocumentSettings settings)
    {
        if (settings.ClassNameOf(workflow.WorkflowId, isFirst) is { } given)
        {
            var stem = given.Length > "Workflow".Length && given.EndsWith("Workflow", StringComparison.Ordinal)
                ? given.Substring(0, given.Length - "Workflow".Length)
                : given;
            return (stem, given);
        }

        var baseName = BaseName(workflow.WorkflowId);
        return (baseName, baseName + "Workflow");
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
}
