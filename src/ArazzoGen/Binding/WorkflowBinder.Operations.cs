using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

// Binding, part two: which OpenAPI operation each step calls, and the types of the steps' outputs.
internal sealed partial class WorkflowBinder
{
    private static readonly Regex OperationPathForm = new(
        @"^\{\$sourceDescriptions\.(?<name>[^.}]+)\.url\}#(?<pointer>.*)$",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private readonly Dictionary<string, DocumentSignatures?> _arazzoSources = new(StringComparer.Ordinal);

    /// <summary>
    /// The AdditionalFile a source's URL names: a relative URL resolved against this document, a remote URL by the
    /// file name of a local copy (never fetched). <paramref name="wanted"/> describes what was looked for.
    /// </summary>
    private string? Locate(SourceDescription source, IEnumerable<string> paths, out string wanted, out string hint)
    {
        hint = string.Empty;
        if (PathUtil.IsRemote(source.Url))
        {
            // A remote document is never fetched: a local copy with the same file name stands in for it.
            var name = Uri.TryCreate(source.Url, UriKind.Absolute, out var uri)
                ? PathUtil.FileName(uri.AbsolutePath)
                : string.Empty;
            wanted = name.Length > 0 ? "a file named " + name : "a file name, but the url ends without one";
            hint = name.Length > 0
                ? " (ArazzoGen never downloads: save a copy of the document in the project)"
                : " (ArazzoGen never downloads, and finds a local copy by the url's file name: "
                  + "point the url at the copy instead)";
            return paths.Where(p => name.Length > 0 && PathUtil.FileName(p) == name)
                .OrderBy(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        wanted = PathUtil.IsAbsolute(source.Url)
            ? PathUtil.Normalize(source.Url)
            : PathUtil.ResolveRelative(_document.Path, source.Url);
        var resolved = wanted;
        var found = paths.FirstOrDefault(p => p == resolved);
        if (found is null && PathUtil.IsAbsolute(source.Url))
        {
            // An absolute path from the author's machine: a copy with the same file name is used, with a warning.
            var name = PathUtil.FileName(source.Url);
            found = paths.Where(p => PathUtil.FileName(p) == name).OrderBy(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
            if (found is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.AbsoluteSourcePath, source.UrlSpan, source.Name, source.Url,
                    found);
            }
        }

        return found;
    }

    /// <summary><c>&lt;name&gt;#&lt;JSON Pointer&gt;</c>, a shorthand some runners write for operationPath.</summary>
    private static readonly Regex OperationPathShorthand = new(
        @"^(?<name>[A-Za-z0-9_\-]+)#(?<pointer>/.*)$",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private void ResolveSources()
    {
        foreach (var source in _document.SourceDescriptions)
        {
            if (_sources.ContainsKey(source.Name))
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.DuplicateId,
                    source.Span,
                    "Source description name",
                    source.Name);
                continue;
            }

            if (source.Type is not ("openapi" or "arazzo"))
            {
                // Other kinds (asyncapi) are reported when a step uses one.
                _sources[source.Name] = null;
                continue;
            }

            var paths = source.Type == "arazzo"
                ? _documents.Select(d => d.Path)
                : _indexes.Select(i => i.Path);
            var path = Locate(source, paths, out var wanted, out var hint);
            if (path is null)
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.SourceNotFound,
                    source.UrlSpan,
                    source.Name,
                    source.Url,
                    wanted,
                    hint);
            }

            if (source.Type == "arazzo")
            {
                _sources[source.Name] = null;
                _arazzoSources[source.Name] = _documents.FirstOrDefault(d => d.Path == path);
                continue;
            }

            var index = _indexes.FirstOrDefault(i => i.Path == path);
            _sources[source.Name] = index;
        }
    }

    private void ResolveOperation(StepSymbol symbol, Workflow workflow)
    {
        var step = symbol.Step;
        if (step.WorkflowId is { } workflowId)
        {
            ResolveWorkflowStep(symbol, workflowId);
            return;
        }

        if (step.OperationPath is { } operationPath)
        {
            ResolveOperationPath(symbol, operationPath);
        }
        else if (step.OperationId is { } operationId)
        {
            ResolveOperationId(symbol, operationId);
        }
    }

    private void ResolveOperationPath(StepSymbol symbol, string operationPath)
    {
        var step = symbol.Step;
        var match = OperationPathForm.Match(operationPath);
        var shorthand = OperationPathShorthand.Match(operationPath);
        if (!match.Success && shorthand.Success && _sources.ContainsKey(shorthand.Groups["name"].Value))
        {
            // Jentic's runner writes '<source name>#<pointer>'; the source is named, so the meaning is plain.
            match = shorthand;
            _diagnostics.Add(DiagnosticDescriptors.ShorthandReference, step.TargetSpan, operationPath,
                "{$sourceDescriptions." + match.Groups["name"].Value + ".url}#" + match.Groups["pointer"].Value);
        }
        else if (!match.Success)
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidExpression, step.TargetSpan, operationPath,
                "an operationPath is '{$sourceDescriptions.<name>.url}#<JSON Pointer to the operation>'");
            return;
        }

        var sourceName = match.Groups["name"].Value;
        if (!TryGetSource(sourceName, step, out var index))
        {
            return;
        }

        var segments = match.Groups["pointer"].Value.Split('/').Skip(1)
            .Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
        OperationInfo? operation = null;
        if (segments.Count == 3 && segments[0] == "paths")
        {
            var method = segments[2].ToUpperInvariant();
            operation = index.Operations.FirstOrDefault(o => o.PathTemplate == segments[1] && o.Method == method);
        }

        if (operation is null)
        {
            var described = "the operation at '" + match.Groups["pointer"].Value + "'";
            var methods = segments.Count >= 2
                ? index.Operations.Where(o => o.PathTemplate == segments[1]).Select(o => o.Method.ToLowerInvariant())
                    .ToList()
                : new List<string>();
            var near = methods.Count > 0 ? $"; path '{segments[1]}' has {string.Join(", ", methods)}"
                : segments.Count >= 2
                    ? Suggestions.DidYouMean(segments[1], index.Operations.Select(o => o.PathTemplate).Distinct())
                    : string.Empty;
            _diagnostics.Add(
                DiagnosticDescriptors.OperationNotFound,
                step.TargetSpan,
                step.StepId,
                described,
                $"source '{sourceName}'",
                near);
            return;
        }

        Attach(symbol, sourceName, index, operation);
    }

    private void ResolveOperationId(StepSymbol symbol, string operationId)
    {
        var step = symbol.Step;
        string? sourceName = null;
        var id = operationId;
        const string Qualified = "$sourceDescriptions.";
        if (operationId.StartsWith(Qualified, StringComparison.Ordinal))
        {
            var rest = operationId.Substring(Qualified.Length);
            var dot = rest.IndexOf('.');
            if (dot <= 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.InvalidExpression, step.TargetSpan, operationId,
                    "a qualified operationId is '$sourceDescriptions.<name>.<operationId>'");
                return;
            }

            sourceName = rest.Substring(0, dot);
            id = rest.Substring(dot + 1);
        }
        else if (ShorthandSource(operationId) is { } shorthand)
        {
            // Redocly writes '<source name>.<operationId>'; read it as the qualified form when no source has an
            // operationId with that exact text.
            sourceName = shorthand;
            id = operationId.Substring(shorthand.Length + 1);
            _diagnostics.Add(DiagnosticDescriptors.ShorthandReference, step.TargetSpan, operationId,
                Qualified + operationId);
        }

        var openApiSources = _document.SourceDescriptions.Where(s => s.Type == "openapi").Select(s => s.Name).ToList();
        if (sourceName is null)
        {
            if (openApiSources.Count != 1)
            {
                // Several sources: look the bare id up in all of them; it must be unique.
                var found = openApiSources
                    .Where(
                        name => _sources.TryGetValue(name, out var i)
                        && i is not null
                        && i.Operations.Any(o => o.OperationId == id))
                    .ToList();
                if (found.Count == 1)
                {
                    sourceName = found[0];
                }
                else if (found.Count > 1)
                {
                    _diagnostics.Add(DiagnosticDescriptors.AmbiguousOperation, step.TargetSpan, step.StepId, id,
                        string.Join(", ", found.Select(name => "'" + name + "'")), found[0]);
                    return;
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.OperationNotFound, step.TargetSpan, step.StepId,
                        $"operationId '{id}'", openApiSources.Count == 0
                            ? "any source (the document has no OpenAPI source description)"
                            : "any of the sources " + string.Join(", ", openApiSources.Select(n => "'" + n + "'")),
                        string.Empty);
                    return;
                }
            }
            else
            {
                sourceName = openApiSources[0];
            }
        }

        if (!TryGetSource(sourceName, step, out var index))
        {
            return;
        }

        var operation = index.Operations.FirstOrDefault(o => o.OperationId == id);
        if (operation is null)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.OperationNotFound,
                step.TargetSpan,
                step.StepId,
                $"operationId '{id}'",
                $"source '{sourceName}'", Suggestions.DidYouMean(
                    id,
                    index.Operations.Where(o => o.OperationId is not null).Select(o => o.OperationId!)));
            return;
        }

        Attach(symbol, sourceName, index, operation);
    }

    /// <summary>The source named before the first '.' of an operationId, if it is one and the id is not real.</summary>
    private string? ShorthandSource(string operationId)
    {
        var dot = operationId.IndexOf('.');
        if (dot <= 0 || !_sources.ContainsKey(operationId.Substring(0, dot)))
        {
            return null;
        }

        var exists = _sources.Values.Any(i => i is not null && i.Operations.Any(o => o.OperationId == operationId));
        return exists ? null : operationId.Substring(0, dot);
    }

    private bool TryGetSource(string sourceName, Step step, out OpenApiIndex index)
    {
        index = null!;
        if (!_sources.TryGetValue(sourceName, out var found))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownReference, step.TargetSpan, "Source description", sourceName,
                Suggestions.DidYouMean(sourceName, _sources.Keys));
            return false;
        }

        if (found is null)
        {
            var source = _document.SourceDescriptions.First(s => s.Name == sourceName);
            if (source.Type != "openapi")
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.NotSupportedYet,
                    step.TargetSpan,
                    $"A source of type '{source.Type}'",
                    $"step '{step.StepId}'");
            }

            // A missing OpenAPI file was reported where the source is declared.
            return false;
        }

        index = found;
        return true;
    }

    private static void Attach(StepSymbol symbol, string sourceName, OpenApiIndex index, OperationInfo operation)
    {
        symbol.Operation = operation;
        symbol.SourceName = sourceName;
        symbol.DefaultServer = index.DefaultServer;
        symbol.SecretParameters = index.SecretParameters;
        symbol.ResponseSchemas = index.Schemas;
    }

    /// <summary>Types each step output before any step is compiled, so later references see the types.</summary>
    private void DeclareOutputs(StepSymbol symbol)
    {
        var names = ReservedNames(symbol.Name + "Outputs");
        var status = SuccessStatus(symbol);
        foreach (var output in symbol.Step.Outputs)
        {
            var property = Unique(CSharp.Pascal(output.Name), output.Name, names, output.Span);
            symbol.Outputs[output.Name] = (property, OutputType(symbol, output.Expression, status));
        }
    }

    /// <summary>
    /// The response whose schema types the outputs: the status the criteria demand, else the first 2xx.
    /// </summary>
    private static string? SuccessStatus(StepSymbol symbol)
    {
        foreach (var criterion in symbol.Step.SuccessCriteria)
        {
            if (criterion.Type != "simple")
            {
                continue;
            }

            try
            {
                // Syntax errors are reported when the criterion is compiled; here they only mean "no status".
                if (ConditionParser.ParseSimple(criterion.Condition, out _) is Comparison
                    {
                        Operator: "==",
                        Left: ExpressionOperand { Expression.Source: ExpressionSource.StatusCode },
                        Right: LiteralOperand { Kind: LiteralKind.Number } status,
                    })
                {
                    return status.Value;
                }
            }
            catch (ConditionSyntaxException)
            {
            }
        }

        return symbol.Operation?.Responses.Select(r => r.Status).OrderBy(s => s, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>
    /// The C# type keyword of a step output: <c>$statusCode</c> is an int, a header, <c>$url</c> or <c>$method</c> a
    /// string, and a body pointer takes the type its OpenAPI response schema declares. Anything else is JSON.
    /// </summary>
    private static string OutputType(StepSymbol symbol, string expression, string? status)
    {
        var parsed = RuntimeExpressionParser.ParseWhole(expression, out _, out _);
        if (parsed is null || parsed.Navigation.Count > 0)
        {
            return "json";
        }

        switch (parsed.Source)
        {
            case ExpressionSource.StatusCode:
                return "int";
            case ExpressionSource.Outputs when symbol.Callee is { } callee && parsed.Pointer is null:
                var name = string.Join(".", parsed.Names);
                return callee.Outputs.FirstOrDefault(o => o.Name == name)?.Type ?? "json";
            case ExpressionSource.Response or ExpressionSource.Request when parsed.Names[0] == "header":
            case ExpressionSource.Url or ExpressionSource.Method:
                return "string";
            case ExpressionSource.Response when parsed.Names[0] == "body"
                                               && symbol.Operation is not null && status is not null:
                var pointer = parsed.Pointer ?? string.Empty;
                var body = symbol.Operation.Responses.FirstOrDefault(r => r.Status == status);
                return body is null
                    ? "json"
                    : ResponseSchema.TypeAt(symbol.ResponseSchemas, body.Schema, pointer, indexesAsItems: false)
                      ?? ResponseSchema.TypeAt(symbol.ResponseSchemas, body.Schema, pointer, indexesAsItems: true)
                      ?? "json";
            default:
                return "json";
        }
    }
}
