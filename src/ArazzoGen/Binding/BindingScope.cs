using System.Collections.Generic;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

/// <summary>A step as other steps see it: its C# name, index and typed outputs.</summary>
internal sealed class StepSymbol
{
    public StepSymbol(Step step, int index, string name)
    {
        Step = step;
        Index = index;
        Name = name;
    }

    public Step Step { get; }

    public int Index { get; }

    public string Name { get; }

    public OperationInfo? Operation { get; set; }

    public string? SourceName { get; set; }

    public string? DefaultServer { get; set; }

    /// <summary>The source's response schemas, which <see cref="OperationInfo.Responses"/> refer to.</summary>
    public EquatableArray<ResponseSchema> ResponseSchemas { get; set; }

    /// <summary>The <c>in:name</c> parameters of the source's <c>apiKey</c> security schemes, lower case.</summary>
    public EquatableArray<string> SecretParameters { get; set; }

    /// <summary>The workflow this step runs, for a step with a <c>workflowId</c>.</summary>
    public WorkflowSignature? Callee { get; set; }

    /// <summary>What the step's request sends, as (<c>in</c>, name): the names <c>$request…</c> can read.</summary>
    public List<(string In, string Name)> SentParameters { get; } = new();

    /// <summary>Whether the step's request has a body, for <c>$request.body</c>.</summary>
    public bool SendsBody { get; set; }

    /// <summary>Output name → (C# property, type keyword).</summary>
    public Dictionary<string, (string Property, string Type)> Outputs { get; } = new(System.StringComparer.Ordinal);
}

/// <summary>What expressions in one workflow can refer to, and where compiled patterns (static fields) go.</summary>
internal sealed class BindingScope
{
    public BindingScope(Workflow workflow, ArazzoDocument document, DiagnosticBag diagnostics)
    {
        Workflow = workflow;
        Document = document;
        Diagnostics = diagnostics;
    }

    public Workflow Workflow { get; }

    public ArazzoDocument Document { get; }

    public DiagnosticBag Diagnostics { get; }

    public Dictionary<string, InputSpec> Inputs { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, StepSymbol> Steps { get; } = new(System.StringComparer.Ordinal);

    public List<PatternSpec> Patterns { get; } = new();

    /// <summary>The workflows of the document (and of Arazzo sources) by the id a step or action uses.</summary>
    public System.Func<string, WorkflowSignature?> FindWorkflow { get; set; } = _ => null;

    /// <summary>
    /// True for a workflow of the document that exists but did not bind (its errors are reported where it is).
    /// </summary>
    public System.Func<string, bool> FailedWorkflow { get; set; } = _ => false;

    /// <summary>True for a workflow whose outputs are known: bound already, or of another document.</summary>
    public System.Func<string, bool> IsBound { get; set; } = _ => true;

    /// <summary>Workflows whose outputs <c>$workflows.&lt;id&gt;.outputs</c> reads, by id.</summary>
    public Dictionary<string, WorkflowSignature> ReadWorkflows { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Workflows that goto and retry actions run, by class name, with the inputs they are given.</summary>
    public Dictionary<string, WorkflowCallSpec> ActionTargets { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The step whose criteria, outputs or request are being compiled; null for workflow outputs.</summary>
    public StepSymbol? CurrentStep { get; set; }

    /// <summary>True while compiling what runs after the response arrived (criteria, outputs, actions).</summary>
    public bool ResponseAvailable { get; set; }
}
