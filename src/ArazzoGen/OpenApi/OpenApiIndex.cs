using System.Linq;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.OpenApi;

/// <summary>
/// What binding needs from one OpenAPI document: its operations, their parameters and the shape of their
/// success responses. Built once per file, so a change to another file never re-reads this one.
/// <see cref="SecretParameters"/> are the parameters its <c>apiKey</c> security schemes name, as <c>in:name</c>
/// (<c>header:x-api-key</c>, lower case): a workflow input sent there is a secret. <see cref="Schemas"/> are the
/// schemas success response bodies can have, each once; <see cref="ResponseBody.Schema"/> and the schemas' own
/// properties and items refer to them by their place in it.
/// </summary>
internal sealed record OpenApiIndex(
    string Path,
    string SpecVersion,
    string? DefaultServer,
    EquatableArray<OperationInfo> Operations,
    EquatableArray<string> SecretParameters = default,
    EquatableArray<ResponseSchema> Schemas = default);

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
    EquatableArray<ResponseBody> Responses,
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

/// <summary>A success response (status 2xx) with a JSON body, and the schema of that body.</summary>
internal sealed record ResponseBody(string Status, int Schema);

/// <summary>A property of a <see cref="ResponseSchema"/>: its name and its schema's place in the table.</summary>
internal sealed record SchemaProperty(string Name, int Schema);

/// <summary>
/// A schema of a response body as binding sees it: <see cref="ClrType"/> (string, long, int, double, bool or json),
/// its properties in ordinal order, and the place of its items' schema (-1: none).
/// </summary>
internal sealed record ResponseSchema(string ClrType, EquatableArray<SchemaProperty> Properties, int Items)
{
    /// <summary>
    /// The C# type keyword of the value at a JSON Pointer from a body of schema <paramref name="root"/>, or null
    /// where the schemas do not say. A segment names a property (in the pointer's escaped form); <c>*</c> names the
    /// items when no property is called that; with <paramref name="indexesAsItems"/>, so does any array index.
    /// </summary>
    public static string? TypeAt(
        EquatableArray<ResponseSchema> schemas, int root, string pointer, bool indexesAsItems)
    {
        var current = root;
        var start = 0;
        while (start < pointer.Length)
        {
            if (pointer[start] != '/' || current < 0 || current >= schemas.Count)
            {
                return null;
            }

            var end = pointer.IndexOf('/', start + 1);
            end = end < 0 ? pointer.Length : end;
            var segment = pointer.Substring(start + 1, end - start - 1);
            current = schemas[current].Child(segment, indexesAsItems);
            start = end;
        }

        return current >= 0 && current < schemas.Count ? schemas[current].ClrType : null;
    }

    private int Child(string segment, bool indexesAsItems)
    {
        foreach (var property in Properties)
        {
            if (property.Name.Replace("~", "~0").Replace("/", "~1") == segment)
            {
                return property.Schema;
            }
        }

        return segment == "*" || (indexesAsItems && segment.Length > 0 && segment.All(c => c is >= '0' and <= '9'))
            ? Items
            : -1;
    }
}
