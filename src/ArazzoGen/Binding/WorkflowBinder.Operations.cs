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

            if (source.Type != "openapi")
            {
                // Arazzo-type sources are resolved when a step uses one (and reported then as not supported yet).
                _sources[source.Name] = null;
                continue;
            }

            string wanted;
            OpenApiIndex? index;
            if (PathUtil.IsRemote(source.Url))
            {
                // A remote document is never fetched: a local copy with the same file name stands in for it.
                var name = PathUtil.FileName(new Uri(source.Url, UriKind.Absolute).AbsolutePath);
                wanted = "a file named " + name;
                index = _indexes.Where(i => PathUtil.FileName(i.Path) == name).OrderBy(
                    i => i.Path,
                    StringComparer.Ordinal)
                    .FirstOrDefault();
            }
            else
            {
                wanted = PathUtil.ResolveRelative(_document.Path, source.Url);
                index = _indexes.FirstOrDefault(i => i.Path == wanted);
            }

            if (index is null)
            {
                var hint = PathUtil.IsRemote(source.Url)
                    ? " (ArazzoGen never downloads: save a copy of the document in the project)"
                    : string.Empty;
                _diagnostics.Add(
                    DiagnosticDescriptors.SourceNotFound,
                    source.UrlSpan,
                    source.Name,
                    source.Url,
                    wanted,
                    hint);
            }

            _sources[source.Name] = index;
        }
    }

    private void ResolveOperation(StepSymbol symbol, Workflow workflow)
    {
        var step = symbol.Step;
        if (step.WorkflowId is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, step.TargetSpan, "A step that runs a workflow",
                $"step '{step.StepId}'");
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
        if (!match.Success)
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
            var near = segments.Count >= 2
                ? Suggestions.DidYouMean(segments[1], index.Operations.Select(o => o.PathTemplate).Distinct())
                : string.Empty;
            _diagnostics.Add(
                DiagnosticDescriptors.OperationNotFound,
                step.TargetSpan,
                step.StepId,
                described,
                sourceName,
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
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.OperationNotFound, step.TargetSpan, step.StepId,
                        $"operationId '{id}'", string.Join(", ", openApiSources),
                        found.Count > 1
                            ? "; it is in several sources, so qualify it as $sourceDescriptions.<name>." + id
                            : string.Empty);
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
                sourceName, Suggestions.DidYouMean(
                    id,
                    index.Operations.Where(o => o.OperationId is not null).Select(o => o.OperationId!)));
            return;
        }

        Attach(symbol, sourceName, index, operation);
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

        return symbol.Operation?.ResponseFields.Select(f => f.Status).OrderBy(s => s, StringComparer.Ordinal)
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
            case ExpressionSource.Response or ExpressionSource.Request when parsed.Names[0] == "header":
            case ExpressionSource.Url or ExpressionSource.Method:
                return "string";
            case ExpressionSource.Response when parsed.Names[0] == "body"
                                               && symbol.Operation is not null && status is not null:
                var pointer = parsed.Pointer ?? string.Empty;
                var wildcard = Regex.Replace(
                    pointer,
                    "/[0-9]+(?=/|$)",
                    "/*",
                    RegexOptions.None,
                    TimeSpan.FromSeconds(1));
                var field = symbol.Operation.ResponseFields
                    .FirstOrDefault(f => f.Status == status && (f.Pointer == pointer || f.Pointer == wildcard));
                return field?.ClrType ?? "json";
            default:
                return "json";
        }
    }
}
