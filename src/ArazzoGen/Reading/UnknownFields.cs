using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Binding;
using ArazzoGen.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Reading;

/// <summary>
/// Warns about fields that no Arazzo 1.0.1 object defines (ARZ0036): a misspelt key is otherwise silently ignored, and
/// the document runs differently than its author thinks. Specification extensions (<c>x-…</c>) are allowed
/// everywhere. Schemas, payloads and <c>outputs</c> maps hold the author's own names and are not checked.
/// </summary>
internal sealed class UnknownFields
{
    private static readonly string[] Root = { "arazzo", "info", "sourceDescriptions", "workflows", "components" };
    private static readonly string[] Info = { "title", "summary", "description", "version" };
    private static readonly string[] Source = { "name", "url", "type" };
    private static readonly string[] Workflow =
    {
        "workflowId", "summary", "description", "inputs", "dependsOn", "steps", "successActions", "failureActions",
        "outputs", "parameters",
    };

    private static readonly string[] Step =
    {
        "description", "stepId", "operationId", "operationPath", "workflowId", "parameters", "requestBody",
        "successCriteria", "onSuccess", "onFailure", "outputs",
    };

    private static readonly string[] Parameter = { "name", "in", "value" };
    private static readonly string[] ReusableParameter = { "reference", "value" };
    private static readonly string[] ReusableAction = { "reference" };
    private static readonly string[] Body = { "contentType", "payload", "replacements" };
    private static readonly string[] Replacement = { "target", "value" };
    private static readonly string[] Criterion = { "context", "condition", "type" };
    private static readonly string[] ExpressionType = { "type", "version" };
    private static readonly string[] Action =
    {
        "name", "type", "workflowId", "stepId", "criteria", "retryAfter", "retryLimit",
    };
    private static readonly string[] Components = { "inputs", "parameters", "successActions", "failureActions" };

    private readonly YamlSupport _yaml;

    private UnknownFields(YamlSupport yaml) => _yaml = yaml;

    public static void Check(YamlSupport yaml, YamlMappingNode root) => new UnknownFields(yaml).Document(root);

    private void Document(YamlMappingNode root)
    {
        Fields(root, Root, "the document");
        Fields(Map(root, "info"), Info, "info");
        foreach (var source in Maps(root, "sourceDescriptions"))
        {
            Fields(source, Source, "a source description");
        }

        foreach (var workflow in Maps(root, "workflows"))
        {
            WorkflowObject(workflow);
        }

        if (Map(root, "components") is { } components)
        {
            Fields(components, Components, "components");
            foreach (var parameter in Values(Map(components, "parameters")))
            {
                Fields(parameter, Parameter, "a parameter");
            }

            foreach (var action in Values(Map(components, "successActions"))
                         .Concat(Values(Map(components, "failureActions"))))
            {
                ActionObject(action);
            }
        }
    }

    private void WorkflowObject(YamlMappingNode workflow)
    {
        Fields(workflow, Workflow, "a workflow");
        Parameters(workflow);
        Actions(workflow, "successActions");
        Actions(workflow, "failureActions");
        foreach (var step in Maps(workflow, "steps"))
        {
            Fields(step, Step, "a step");
            Parameters(step);
            if (Map(step, "requestBody") is { } body)
            {
                Fields(body, Body, "a request body");
                foreach (var replacement in Maps(body, "replacements"))
                {
                    Fields(replacement, Replacement, "a replacement");
                }
            }

            Criteria(step, "successCriteria");
            Actions(step, "onSuccess");
            Actions(step, "onFailure");
        }
    }

    private void Parameters(YamlMappingNode owner)
    {
        foreach (var parameter in Maps(owner, "parameters"))
        {
            var reusable = _yaml.Get(parameter, "reference") is not null;
            var what = reusable ? "a reusable parameter" : "a parameter";
            Fields(parameter, reusable ? ReusableParameter : Parameter, what);
        }
    }

    private void Actions(YamlMappingNode owner, string key)
    {
        foreach (var action in Maps(owner, key))
        {
            if (_yaml.Get(action, "reference") is not null)
            {
                Fields(action, ReusableAction, "a reusable action");
            }
            else
            {
                ActionObject(action);
            }
        }
    }

    private void ActionObject(YamlMappingNode action)
    {
        Fields(action, Action, "an action");
        Criteria(action, "criteria");
    }

    private void Criteria(YamlMappingNode owner, string key)
    {
        foreach (var criterion in Maps(owner, key))
        {
            Fields(criterion, Criterion, "a criterion");
            Fields(Map(criterion, "type"), ExpressionType, "a criterion expression type");
        }
    }

    private void Fields(YamlMappingNode? map, string[] allowed, string what)
    {
        if (map is null)
        {
            return;
        }

        foreach (var entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key }
                || allowed.Contains(key, StringComparer.Ordinal)
                || key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            _yaml.Diagnostics.Add(DiagnosticDescriptors.UnknownField, _yaml.SpanOf(entry.Key), key, what,
                Suggestions.DidYouMean(key, allowed));
        }
    }

    private YamlMappingNode? Map(YamlMappingNode? owner, string key)
        => owner is null ? null : _yaml.Get(owner, key) as YamlMappingNode;

    private IEnumerable<YamlMappingNode> Maps(YamlMappingNode owner, string key)
        => (_yaml.Get(owner, key) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
           ?? Enumerable.Empty<YamlMappingNode>();

    private static IEnumerable<YamlMappingNode> Values(YamlMappingNode? map)
        => map?.Children.Select(e => e.Value).OfType<YamlMappingNode>() ?? Enumerable.Empty<YamlMappingNode>();
}
