using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Binding;

// What emission needs, decided by binding: C# names, C# types, and the C# code of every expression,
// criterion and request. Emission only lays it out.

/// <summary>The generated source for one Arazzo document, and what binding reported on it.</summary>
internal sealed record DocumentSpec(
    string HintName,
    string Namespace,
    string SourceFileName,
    EquatableArray<WorkflowSpec> Workflows,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The workflows' default loop delay from the project's settings; null for the runtime's.</summary>
    public int? LoopDelayMilliseconds { get; init; }
}

internal sealed record WorkflowSpec(
    string WorkflowId,
    string ClassName,
    string InputsType,
    string OutputsType,
    string? Summary,
    string? Description,
    EquatableArray<InputSpec> Inputs,
    EquatableArray<WorkflowOutputSpec> Outputs,
    EquatableArray<StepSpec> Steps,
    EquatableArray<PatternSpec> Patterns,
    EquatableArray<WorkflowCallSpec> DependsOn,
    EquatableArray<WorkflowCallSpec> Targets,
    EquatableArray<string> Ran);

/// <summary>
/// What another workflow needs to know to run this one: its C# names, its inputs and its typed outputs.
/// </summary>
internal sealed record WorkflowSignature(
    string WorkflowId,
    string ClassName,
    string InputsType,
    string OutputsType,
    EquatableArray<InputSpec> Inputs,
    EquatableArray<OutputSignature> Outputs);

/// <summary>
/// The workflows one Arazzo document generates, as other documents that name it as a source see them.
/// </summary>
internal sealed record DocumentSignatures(
    string Path,
    EquatableArray<WorkflowSignature> Workflows,
    EquatableArray<string> NotGenerated,
    EquatableArray<string> ClassNames);

/// <summary>A workflow output as callers see it: its property and type keyword.</summary>
internal sealed record OutputSignature(string Name, string Property, string Type);

/// <summary>
/// A run of another workflow: the callee's C# names and the code of each input it is given. The workflow's
/// <see cref="WorkflowSpec.Ran"/> lists the class names whose latest outputs the run's state keeps.
/// </summary>
internal sealed record WorkflowCallSpec(
    string WorkflowId,
    string ClassName,
    string InputsType,
    string OutputsType,
    EquatableArray<CallInputSpec> Inputs);

/// <summary>
/// An input given to another workflow: the inputs record's property, the C# code of its value, and the statements
/// that build the value first (an object or array with expressions inside is written by a JSON writer).
/// </summary>
internal sealed record CallInputSpec(string Property, string Code, EquatableArray<string> Setup);

/// <summary>A member of the inputs record.</summary>
internal sealed record InputSpec(
    string Name,
    string Property,
    string Type,
    bool Required,
    bool IsReferenceType,
    string? Description,
    bool Secret);

/// <summary>
/// A member of the outputs record, and the code that computes it from the run's state. <see cref="Secret"/> outputs
/// (by name: <c>accessToken</c>…, or by what they read: <see cref="Secrets.ReadsSecret"/>) are left out of the
/// record's <c>ToString</c>.
/// </summary>
internal sealed record WorkflowOutputSpec(
    string Name,
    string Property,
    string Type,
    string ValueCode,
    bool IsText,
    bool Secret);

internal sealed record StepSpec(
    string StepId,
    string Name,
    string? Description,
    string? OperationSummary,
    string SourceName,
    string HttpMethod,
    string PathTemplate,
    string? DefaultServer,
    EquatableArray<string> RequestCode,
    EquatableArray<CriterionSpec> SuccessCriteria,
    EquatableArray<ActionSpec> OnSuccess,
    EquatableArray<ActionSpec> OnFailure,
    EquatableArray<StepOutputSpec> Outputs,
    int NextStep,
    WorkflowCallSpec? Call);

/// <summary>A criterion as written (for messages) and as compiled C# (a bool expression).</summary>
internal sealed record CriterionSpec(string Text, string Code);

/// <summary>
/// A success or failure action with its compiled criteria. <see cref="Target"/> is a step index or -1;
/// <see cref="TargetWorkflow"/> the class name of a workflow to run (a goto, or a retry that runs it first);
/// <see cref="Detour"/> the index of a step a retry runs first, or -1.
/// </summary>
internal sealed record ActionSpec(
    string Name,
    string Type,
    EquatableArray<CriterionSpec> Criteria,
    int Target,
    double RetryAfter,
    long RetryLimit,
    string? TargetWorkflow,
    int Detour);

/// <summary>A step output: its property on the step's outputs class, its type and the code that reads it.</summary>
internal sealed record StepOutputSpec(string Name, string Property, string Type, string ValueCode);

internal enum PatternKind
{
    Regex,
    JsonPath,
    XPath,
}

/// <summary>
/// What a criterion matches with: a regular expression, a JSONPath query or an XPath expression, compiled once into a
/// static field of the workflow class.
/// </summary>
internal sealed record PatternSpec(string Field, PatternKind Kind, string Text);
