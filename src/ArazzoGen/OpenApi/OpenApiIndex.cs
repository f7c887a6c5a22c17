using ArazzoGen.Infrastructure;

namespace ArazzoGen.OpenApi;

/// <summary>
/// What binding needs from one OpenAPI document: its operations, their parameters and the shape of their
/// success responses. Built once per file, so a change to another file never re-reads this one.
/// <see cref="SecretParameters"/> are the parameters its <c>apiKey</c> security schemes name, as <c>in:name</c>
/// (<c>header:x-api-key</c>, lower case): a workflow input sent there is a secret.
/// </summary>
internal sealed record OpenApiIndex(
    string Path,
    string SpecVersion,
    string? DefaultServer,
    EquatableArray<OperationInfo> Operations,
    EquatableArray<string> SecretParameters = default);

/// <summary>
/// An operation of the document. <see cref="RequestContentType"/> is the request media type a step without a
/// <c>contentType</c> uses: JSON when the operation declares it, else the first it declares.
/// <see cref="PasswordFields"/> are the names (lower case) of the request body's properties, at any depth and in any
/// media type, whose schema says <c>format: password</c>: a workflow input sent there is a secret.
/// </summary>
internal sealed record OperationInfo(
    string Method,
    string PathTemplate,
    string? OperationId,
    string? Summary,
    EquatableArray<ParameterInfo> Parameters,
    string? RequestContentType,
    EquatableArray<ResponseField> ResponseFields,
    SourceSpan? Location = null,
    EquatableArray<string> PasswordFields = default);

/// <summary>
/// A parameter the operation declares. <see cref="Style"/> is the OpenAPI spelling (<c>form</c>,
/// <c>spaceDelimited</c>…); for Swagger 2.0 documents it and <see cref="Explode"/> come from <c>collectionFormat</c>.
/// <see cref="Password"/>: its schema says <c>format: password</c>, so a workflow input sent there is a secret.
/// </summary>
internal sealed record ParameterInfo(
    string Name,
    string In,
    string? Style,
    bool? Explode,
    bool AllowReserved,
    bool Password = false);

/// <summary>
/// One value reachable in a success response body, by JSON Pointer from the body's root.
/// An array item is written as the segment <c>*</c>. <see cref="ClrType"/> is one of string, long, int,
/// double, bool or json.
/// </summary>
internal sealed record ResponseField(string Status, string Pointer, string ClrType);
