using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ArazzoGen.OpenApi;

/// <summary>
/// Reads an OpenAPI 3.0, 3.1 or 3.2 document, or a Swagger 2.0 one, with Microsoft.OpenApi and keeps what binding
/// needs. The reader presents 2.0 documents as 3.x: <c>host</c>, <c>basePath</c> and <c>schemes</c> become servers,
/// <c>consumes</c> with <c>in: body</c> or <c>in: formData</c> parameters a request body.
/// </summary>
internal static class OpenApiIndexer
{
    private static readonly System.Text.RegularExpressions.Regex TsvFormat = new(
        @"collectionFormat[""']?\s*:\s*[""']?tsv",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private static readonly string[] Methods =
    {
        "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY",
    };

    /// <summary>Indexes a document; returns null and an error message when it cannot be read.</summary>
    public static OpenApiIndex? Index(string path, string text, string format, out string? error)
    {
        error = null;
        // No validation rules: their findings are never reported (binding reports what a workflow cannot use), and
        // running them took a fifth of the parse. A document the reader cannot read still fails as before.
        var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetEmptyRuleSet() };
        settings.AddYamlReader();
        ReadResult result;
        try
        {
            result = OpenApiDocument.Parse(text, format, settings);
        }
        catch (NotSupportedException ex)
        {
            // The reader throws for the Swagger 2.0 collectionFormat 'tsv', which has no OpenAPI 3 style.
            error = TsvFormat.IsMatch(text)
                ? "collectionFormat 'tsv' (tab-separated values) has no OpenAPI 3 style and is not supported"
                : "the OpenAPI reader does not support part of it (" + ex.Message + ")";
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Microsoft.OpenApi reports most faults as diagnostics but throws on some malformed values (a version
            // where a boolean belongs throws FormatException): those make the document unreadable, not the build.
            error = "the OpenAPI reader failed on it (" + ex.GetType().Name + ": " + ex.Message + ")";
            return null;
        }

        var document = result.Document;
        if (document is null)
        {
            var first = result.Diagnostic?.Errors.FirstOrDefault();
            error = first is null ? "the reader returned no document" : first.Message + Where(first.Pointer);
            return null;
        }

        try
        {
            return Build(path, text, result, document);
        }
        catch (InvalidOperationException ex)
        {
            // Microsoft.OpenApi resolves a reference when it is read and throws for a chain of references that comes
            // back to itself (a parameter that is only a reference to another that refers back, say).
            error = "a reference in it cannot be resolved (" + ex.Message + ")";
            return null;
        }
    }

    private static OpenApiIndex Build(string path, string text, ReadResult result, OpenApiDocument document)
    {
        var formats = result.Diagnostic?.SpecificationVersion == OpenApiSpecVersion.OpenApi2_0
            ? SwaggerCollectionFormats.Read(text)
            : null;
        var operations = new List<OperationInfo>();
        var targets = new SchemaTargets();
        var schemas = new ResponseSchemas(targets);
        var passwords = new PasswordFields(targets);
        var parameters = new Parameters();
        // The reader leaves a key with no value (`d:`) as a null entry: every walk below skips those.
        foreach (var pathItem in document.Paths ?? new OpenApiPaths())
        {
            if (pathItem.Value is null)
            {
                continue;
            }

            var shared = pathItem.Value.Parameters ?? Array.Empty<IOpenApiParameter>();
            if (pathItem.Value.Operations is null)
            {
                continue;
            }

            foreach (var operation in pathItem.Value.Operations.OrderBy(o => MethodOrder(o.Key.Method)))
            {
                if (operation.Value is null)
                {
                    continue;
                }

                operations.Add(IndexOperation(
                    pathItem.Key,
                    operation.Key.Method.ToUpperInvariant(),
                    operation.Value,
                    shared,
                    formats,
                    schemas,
                    passwords,
                    parameters));
            }
        }

        var locator = new OperationLocator(path, text);
        return new OpenApiIndex(
            path,
            result.Diagnostic?.SpecificationVersion.ToString() ?? "unknown",
            document.Servers?.FirstOrDefault() is { } server ? ServerUrl(server) : null,
            operations.Select(o => o with { Location = locator.Find(o.PathTemplate, o.Method) }).ToEquatableArray(),
            ApiKeyParameters(document),
            schemas.Read());
    }

    /// <summary>The parameters <c>apiKey</c> security schemes name, as <c>in:name</c> in lower case.</summary>
    private static EquatableArray<string> ApiKeyParameters(OpenApiDocument document)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scheme in document.Components?.SecuritySchemes?.Values
                     ?? Enumerable.Empty<IOpenApiSecurityScheme>())
        {
            if (scheme is { Type: SecuritySchemeType.ApiKey, Name: { Length: > 0 } name, In: { } location })
            {
                names.Add(location.ToString().ToLowerInvariant() + ":" + name.ToLowerInvariant());
            }
        }

        return names.ToEquatableArray();
    }

    private static OperationInfo IndexOperation(
        string pathTemplate,
        string method,
        OpenApiOperation operation,
        IList<IOpenApiParameter> shared,
        Dictionary<(string, string, string, string), string>? formats,
        ResponseSchemas schemas,
        PasswordFields passwords,
        Parameters read)
    {
        var parameters = new Dictionary<(string, string), ParameterInfo>();
        foreach (var p in shared.Concat(operation.Parameters ?? Array.Empty<IOpenApiParameter>()))
        {
            if (p is null || read.Of(p) is not { } info)
            {
                continue;
            }

            if (formats is not null && formats.TryGetValue((pathTemplate, method, info.Name, info.In), out var format))
            {
                info = FromCollectionFormat(info, format);
            }

            parameters[(info.Name, info.In)] = info;
        }

        var bodies = new List<ResponseBody>();
        if (operation.Responses is not null)
        {
            foreach (var response in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (!response.Key.StartsWith("2", StringComparison.Ordinal) || response.Value?.Content is null)
                {
                    continue;
                }

                var json = response.Value.Content.FirstOrDefault(c => IsJson(c.Key));
                if (json.Value?.Schema is { } schema)
                {
                    bodies.Add(new ResponseBody(response.Key, schemas.Add(schema)));
                }
            }
        }

        return new OperationInfo(
            method,
            pathTemplate,
            operation.OperationId,
            operation.Summary,
            parameters.Values.OrderBy(p => p.In, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
                .ToEquatableArray(),
            RequestContentType(operation.RequestBody?.Content?.Keys),
            bodies.ToEquatableArray(),
            PasswordFields: passwords.Of(operation.RequestBody));
    }

    /// <summary>
    /// What binding needs of each parameter object, read once: a component parameter is named by many operations, and
    /// a reference resolves its target on every property read.
    /// </summary>
    private sealed class Parameters
    {
        private readonly Dictionary<IOpenApiParameter, ParameterInfo?> _read =
            new(Identity<IOpenApiParameter>.Instance);

        /// <summary>The parameter as binding sees it; null for one without a name or a location.</summary>
        public ParameterInfo? Of(IOpenApiParameter parameter)
        {
            if (_read.TryGetValue(parameter, out var info))
            {
                return info;
            }

            var target = parameter is OpenApiParameterReference reference
                ? (IOpenApiParameter?)reference.RecursiveTarget ?? parameter
                : parameter;
            if (!_read.TryGetValue(target, out info))
            {
                info = target is { Name: { } name, In: { } location }
                    ? new ParameterInfo(name, location.ToString().ToLowerInvariant(), StyleName(target.Style),
                        target.Explode, target.AllowReserved, IsPassword(target.Schema))
                    : null;
                _read[target] = info;
            }

            _read[parameter] = info;
            return info;
        }
    }

    private static bool IsPassword(IOpenApiSchema? schema)
        => string.Equals(schema?.Format, "password", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a step without a contentType sends: JSON when declared, else the first concrete type.</summary>
    private static string? RequestContentType(ICollection<string>? declared)
    {
        var concrete = (declared ?? Array.Empty<string>()).Where(m => m.IndexOf('*') < 0).ToList();
        return concrete.FirstOrDefault(m => IsJson(m)) ?? concrete.FirstOrDefault();
    }

    /// <summary>The OpenAPI spelling of a style, as the documents and the specification write it.</summary>
    private static string? StyleName(ParameterStyle? style) => style switch
    {
        null => null,
        ParameterStyle.SpaceDelimited => "spaceDelimited",
        ParameterStyle.PipeDelimited => "pipeDelimited",
        ParameterStyle.DeepObject => "deepObject",
        _ => style.Value.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Swagger 2.0: <c>csv</c> is form (query) or simple (path, header) without explode, <c>multi</c> exploded form,
    /// <c>ssv</c> and <c>pipes</c> the space- and pipe-delimited styles.
    /// </summary>
    private static ParameterInfo FromCollectionFormat(ParameterInfo info, string format) => format switch
    {
        "multi" => info with { Style = "form", Explode = true },
        "ssv" => info with { Style = "spaceDelimited", Explode = false },
        "pipes" => info with { Style = "pipeDelimited", Explode = false },
        _ => info with { Style = info.In == "query" ? "form" : "simple", Explode = false },
    };

    internal static string ClrType(IOpenApiSchema schema)
    {
        var type = schema.Type ?? 0;
        type &= ~JsonSchemaType.Null;
        return type switch
        {
            JsonSchemaType.String => "string",
            JsonSchemaType.Integer => schema.Format == "int32" ? "int" : "long",
            JsonSchemaType.Number => "double",
            JsonSchemaType.Boolean => "bool",
            _ => "json",
        };
    }

    private static string ServerUrl(OpenApiServer server)
    {
        var url = server.Url ?? string.Empty;
        if (server.Variables is not null)
        {
            foreach (var variable in server.Variables)
            {
                url = url.Replace("{" + variable.Key + "}", variable.Value.Default ?? string.Empty);
            }
        }

        return url;
    }

    private static bool IsJson(string mediaType)
        => mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
           || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
           || mediaType == "*/*";

    private static int MethodOrder(string method)
    {
        var index = Array.IndexOf(Methods, method.ToUpperInvariant());
        return index < 0 ? Methods.Length : index;
    }

    private static string Where(string? pointer) => string.IsNullOrEmpty(pointer)
        ? string.Empty
        : " (at " + pointer + ")";
}
