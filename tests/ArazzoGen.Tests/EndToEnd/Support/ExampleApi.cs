using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// One OpenAPI document as the example server answers it: every operation with the answer it gets, worked out once
/// when the document is read. The answer is the operation's first declared 2xx response, with its example.
/// </summary>
internal sealed class ExampleApi
{
    private readonly List<ServedOperation> _operations;

    private ExampleApi(string prefix, List<ServedOperation> operations)
    {
        Prefix = prefix;
        _operations = operations;
    }

    /// <summary>The path this document is served under, such as <c>/pet-coupons</c>.</summary>
    public string Prefix { get; }

    /// <summary>
    /// Reads <paramref name="text"/>; an operation named in <paramref name="overrides"/> (by operationId or by
    /// <c>METHOD /path/template</c>) gets the override laid over its answer. Returns the override keys it used.
    /// </summary>
    public static ExampleApi Load(
        string prefix,
        string fileName,
        string text,
        IReadOnlyDictionary<string, AnswerOverride> overrides,
        ISet<string> usedOverrides)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var format = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";
        var document = OpenApiDocument.Parse(text, format, settings).Document
                       ?? throw new InvalidOperationException(fileName + " is not an OpenAPI document");

        var operations = new List<ServedOperation>();
        foreach (var (template, item) in document.Paths ?? new OpenApiPaths())
        {
            foreach (var (method, operation) in item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            {
                var name = method.Method.ToUpperInvariant();
                var answer = Declared(operation);
                foreach (var key in new[] { operation.OperationId, name + " " + template })
                {
                    if (key is not null && overrides.TryGetValue(key, out var replacement))
                    {
                        answer = replacement.Over(answer);
                        usedOverrides.Add(key);
                    }
                }

                operations.Add(new ServedOperation(name, template, Pattern(template), answer));
            }
        }

        // A path without parameters wins over a template that would match it too, as OpenAPI says.
        operations.Sort((a, b) => a.Template.Count(c => c == '{').CompareTo(b.Template.Count(c => c == '{')));
        return new ExampleApi(prefix, operations);
    }

    /// <summary>The answer for a request path (below <see cref="Prefix"/>), or a 404/405 that says why.</summary>
    public ExampleAnswer Answer(string method, string path)
    {
        var matching = _operations.Where(o => o.Pattern.IsMatch(path)).ToList();
        if (matching.Count == 0)
        {
            return ExampleAnswer.Problem(404, $"no path of the document matches {path}");
        }

        var operation = matching.FirstOrDefault(o => o.Method == method);
        return operation?.Answer
               ?? ExampleAnswer.Problem(405, $"{matching[0].Template} has no {method} operation");
    }

    private static Regex Pattern(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"\\\{[^/]*?}", "[^/]+");
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The first 2xx response (by status code), its first JSON media type and that type's example.</summary>
    private static ExampleAnswer Declared(OpenApiOperation operation)
    {
        var responses = operation.Responses ?? new OpenApiResponses();
        var (code, response) = responses
            .Where(r => r.Key.StartsWith('2'))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (response is null)
        {
            return new ExampleAnswer(200, null, null, new Dictionary<string, string>());
        }

        var status = int.TryParse(code, out var number) ? number : 200;
        var headers = Headers(response);
        var content = response.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var (mediaType, media) = content.OrderBy(c => IsJson(c.Key) ? 0 : 1).FirstOrDefault();
        if (media is null)
        {
            return new ExampleAnswer(status, null, null, headers);
        }

        var value = media.Example
                    ?? media.Examples?.Values.Select(e => e.Value).FirstOrDefault(v => v is not null)
                    ?? SchemaExample.From(media.Schema);
        var body = value is null ? null : IsJson(mediaType) ? value.ToJsonString() : Text(value);
        return new ExampleAnswer(status, mediaType, body, headers);
    }

    private static Dictionary<string, string> Headers(IOpenApiResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, header) in response.Headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            var value = header.Example
                        ?? header.Examples?.Values.Select(e => e.Value).FirstOrDefault(v => v is not null)
                        ?? SchemaExample.From(header.Schema);
            if (value is not null && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = Text(value);
            }
        }

        return headers;
    }

    private static string Text(JsonNode value)
        => value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    private static bool IsJson(string mediaType)
        => mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
           || mediaType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private sealed record ServedOperation(string Method, string Template, Regex Pattern, ExampleAnswer Answer);
}
