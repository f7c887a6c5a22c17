using ArazzoGen.Infrastructure;

namespace ArazzoGen.OpenApi;

/// <summary>
/// What binding needs from one OpenAPI document: its operations, their parameters and the shape of their
/// success responses. Built once per file, so a change to another file never re-reads this one.
/// </summary>
internal sealed record OpenApiIndex(
    string Path,
    string SpecVersion,
    string? DefaultServer,
    EquatableArray<OperationInfo> Operations);

internal sealed record OperationInfo(
    string Method,
    string PathTemplate,
    string? OperationId,
    string? Summary,
    EquatableArray<ParameterInfo> Parameters,
    string? RequestContentType,
    EquatableArray<ResponseField> ResponseFields);

internal sealed record ParameterInfo(string Name, string In, string? Style, bool? Explode);

/// <summary>
/// One value reachable in a success response body, by JSON Pointer from the body's root.
/// An array item is written as the segment <c>*</c>. <see cref="ClrType"/> is one of string, long, int,
/// double, bool or json.
/// </summary>
internal sealed record ResponseField(string Status, string Pointer, string ClrType);
