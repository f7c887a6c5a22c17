using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Model;

// The Arazzo document as written, one record per object of the specification. Reading fills these;
// binding checks them against the OpenAPI documents. Every record compares by value so that the
// generator's pipeline can cache them, and none holds a YAML node or a Roslyn type.

/// <summary>An Arazzo document read from one file, with whatever went wrong while reading it.</summary>
internal sealed record ArazzoDocument(
    string Path,
    string Version,
    SourceSpan VersionSpan,
    string? Title,
    EquatableArray<SourceDescription> SourceDescriptions,
    EquatableArray<Workflow> Workflows,
    EquatableArray<Parameter> ComponentParameters);

/// <summary>A <c>sourceDescriptions</c> entry: a named OpenAPI or Arazzo document the workflows use.</summary>
internal sealed record SourceDescription(string Name, string Url, string Type, SourceSpan Span, SourceSpan UrlSpan);

internal sealed record Workflow(
    string WorkflowId,
    SourceSpan IdSpan,
    string? Summary,
    string? Description,
    Schema? Inputs,
    EquatableArray<Step> Steps,
    EquatableArray<NamedExpression> Outputs,
    EquatableArray<ActionObject> SuccessActions,
    EquatableArray<ActionObject> FailureActions,
    EquatableArray<WorkflowReference> DependsOn,
    EquatableArray<Parameter> Parameters,
    bool HasReadErrors);

internal sealed record Step(
    string StepId,
    SourceSpan IdSpan,
    string? Description,
    string? OperationId,
    string? OperationPath,
    string? WorkflowId,
    SourceSpan TargetSpan,
    EquatableArray<Parameter> Parameters,
    RequestBody? RequestBody,
    EquatableArray<Criterion> SuccessCriteria,
    EquatableArray<ActionObject> OnSuccess,
    EquatableArray<ActionObject> OnFailure,
    EquatableArray<NamedExpression> Outputs);

/// <summary>
/// A step parameter. <see cref="In"/> is null for a reusable reference or a workflow input; <see cref="NameSpan"/> is
/// where its name is written (in the component, for a reusable one).
/// </summary>
internal sealed record Parameter(string Name, string? In, PayloadNode Value, SourceSpan Span, SourceSpan NameSpan);

/// <summary>A Request Body Object: the payload template, its content type and its replacements.</summary>
internal sealed record RequestBody(
    string? ContentType,
    PayloadNode? Payload,
    EquatableArray<Replacement> Replacements,
    SourceSpan Span);

/// <summary>A Payload Replacement Object: a JSON Pointer or XPath target, and the value put there.</summary>
internal sealed record Replacement(string Target, SourceSpan TargetSpan, PayloadNode Value);

/// <summary>
/// A Criterion Object. <see cref="Type"/> is simple, regex, jsonpath or xpath; <see cref="Version"/> is set when the
/// type is a Criterion Expression Type Object (<c>type: {type: jsonpath, version: rfc9535}</c>), and
/// <see cref="VersionSpan"/> is where that object (or its version) is written.
/// </summary>
internal sealed record Criterion(
    string Condition,
    SourceSpan ConditionSpan,
    string? Context,
    SourceSpan ContextSpan,
    string Type,
    string? Version,
    SourceSpan VersionSpan);

/// <summary>A Success Action or Failure Action Object.</summary>
internal sealed record ActionObject(
    string Name,
    string Type,
    string? StepId,
    string? WorkflowId,
    double? RetryAfter,
    long? RetryLimit,
    EquatableArray<Criterion> Criteria,
    SourceSpan Span,
    SourceSpan TargetSpan,
    bool IsReference);

/// <summary>A workflow named in <c>dependsOn</c>, where it is written.</summary>
internal sealed record WorkflowReference(string WorkflowId, SourceSpan Span);

/// <summary>An entry of an <c>outputs</c> map: a name and the runtime expression that computes it.</summary>
internal sealed record NamedExpression(string Name, string Expression, SourceSpan Span);

/// <summary>The subset of JSON Schema that types workflow inputs.</summary>
internal sealed record Schema(
    string? Type,
    string? Format,
    string? Description,
    EquatableArray<string> Required,
    EquatableArray<SchemaProperty> Properties,
    Schema? Items,
    SourceSpan Span);

internal sealed record SchemaProperty(string Name, Schema Schema);

internal enum PayloadKind
{
    Null,
    Boolean,
    Number,
    String,
    Object,
    Array,
}

/// <summary>A JSON value written in the document (a payload template, a parameter value).</summary>
internal sealed record PayloadNode(
    PayloadKind Kind,
    string Text,
    SourceSpan Span,
    EquatableArray<PayloadMember> Members,
    EquatableArray<PayloadNode> Items)
{
    public static PayloadNode Scalar(PayloadKind kind, string text, SourceSpan span)
        => new(kind, text, span, EquatableArray<PayloadMember>.Empty, EquatableArray<PayloadNode>.Empty);
}

internal sealed record PayloadMember(string Name, PayloadNode Value);

/// <summary>What reading one file produced: an Arazzo document, an OpenAPI index, or nothing of ours.</summary>
internal sealed record ParsedFile(
    string Path,
    ArazzoDocument? Arazzo,
    OpenApi.OpenApiIndex? OpenApi,
    EquatableArray<DiagnosticInfo> Diagnostics);
