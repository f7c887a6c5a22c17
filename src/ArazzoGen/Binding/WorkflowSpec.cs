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
    EquatableArray<DiagnosticInfo> Diagnostics);

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
    EquatableArray<PatternSpec> Patterns);

/// <summary>A member of the inputs record.</summary>
internal sealed record InputSpec(
    string Name,
    string Property,
    string Type,
    bool Required,
    bool IsReferenceType,
    string? Description,
    bool Secret);

/// <summary>A member of the outputs record, and the code that computes it from the run's state.</summary>
internal sealed record WorkflowOutputSpec(string Name, string Property, string Type, string ValueCode, bool IsText);

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
    int NextStep);

/// <summary>A criterion as written (for messages) and as compiled C# (a bool expression).</summary>
internal sealed record CriterionSpec(string Text, string Code);

/// <summary>
/// A success or failure action with its compiled criteria. <see cref="Target"/> is a step index or -1.
/// </summary>
internal sealed record ActionSpec(
    string Name,
    string Type,
    EquatableArray<CriterionSpec> Criteria,
    int Target,
    double RetryAfter,
    long RetryLimit);

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
