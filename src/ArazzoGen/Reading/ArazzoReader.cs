using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Reading;

/// <summary>Reads the objects of an Arazzo document from its YAML or JSON root mapping.</summary>
internal sealed partial class ArazzoReader
{
    private static readonly Regex RecommendedId = new(
        "^[A-Za-z0-9_\\-]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly YamlSupport _yaml;

    private ArazzoReader(YamlSupport yaml) => _yaml = yaml;

    private DiagnosticBag Diagnostics => _yaml.Diagnostics;

    public static ArazzoDocument Read(YamlSupport yaml, YamlMappingNode root)
        => new ArazzoReader(yaml).ReadDocument(root);

    private ArazzoDocument ReadDocument(YamlMappingNode root)
    {
        var versionNode = _yaml.Get(root, "arazzo")!;
        var version = (versionNode as YamlScalarNode)?.Value ?? string.Empty;
        if (!version.StartsWith("1.0.", StringComparison.Ordinal))
        {
            // Other versions shape their objects differently (1.1 has channelPath steps and object outputs):
            // read as 1.0 they would only add follow-on errors to the one that matters, reported when binding.
            return new ArazzoDocument(
                _yaml.Path,
                version,
                _yaml.ContentSpanOf(versionNode),
                null,
                EquatableArray<SourceDescription>.Empty,
                EquatableArray<Workflow>.Empty,
                EquatableArray<Parameter>.Empty);
        }

        var info = _yaml.GetMapping(root, "info", "The document", required: true);
        var title = info is null ? null : _yaml.GetString(info, "title", "info", required: true);
        if (info is not null)
        {
            // Required by the specification, though nothing generated uses it.
            _yaml.GetString(info, "version", "info", required: true);
        }
        ReadComponents(root);
        UnknownFields.Check(_yaml, root);

        var sources = new List<SourceDescription>();
        foreach (var node in _yaml.GetSequence(root, "sourceDescriptions", "The document", required: true))
        {
            if (AsMapping(node, "sourceDescriptions entry") is { } map)
            {
                var name = _yaml.GetString(map, "name", "A source description", required: true);
                var url = _yaml.GetString(map, "url", $"Source description '{name}'", required: true);
                var type = _yaml.GetString(map, "type", $"Source description '{name}'") ?? "openapi";
                if (name is not null && url is not null)
                {
                    var urlNode = _yaml.Get(map, "url")!;
                    sources.Add(new SourceDescription(
                        name,
                        url,
                        type,
                        _yaml.SpanOf(map),
                        _yaml.ContentSpanOf(urlNode)));
                }
            }
        }

        var workflows = new List<Workflow>();
        foreach (var node in _yaml.GetSequence(root, "workflows", "The document", required: true))
        {
            var mark = Diagnostics.Mark();
            if (AsMapping(node, "workflows entry") is { } map && ReadWorkflow(map) is { } workflow)
            {
                // A workflow whose own text has errors is not generated; its neighbours still are.
                workflows.Add(workflow with { HasReadErrors = Diagnostics.HasErrorsSince(mark) });
            }
        }

        return new ArazzoDocument(
            _yaml.Path,
            version,
            _yaml.ContentSpanOf(versionNode),
            title,
            sources.ToEquatableArray(),
            workflows.ToEquatableArray(),
            ReadComponentParameters());
    }

    private Workflow? ReadWorkflow(YamlMappingNode map)
    {
        var id = _yaml.GetString(map, "workflowId", "A workflow", required: true);
        if (id is null)
        {
            return null;
        }

        CheckId(map, "workflowId", id);

        var owner = $"Workflow '{id}'";
        var inputsNode = _yaml.Get(map, "inputs");
        var inputs = inputsNode is null ? null : ReadSchema(inputsNode, 0);

        var steps = new List<Step>();
        var stepNodes = _yaml.GetSequence(map, "steps", owner, required: true);
        if (stepNodes.Count == 0 && _yaml.Get(map, "steps") is YamlSequenceNode empty)
        {
            Diagnostics.Add(
                DiagnosticDescriptors.WrongType,
                _yaml.SpanOf(empty),
                "steps",
                "a list of at least one step",
                "an empty list");
        }

        foreach (var node in stepNodes)
        {
            if (AsMapping(node, "steps entry") is { } stepMap && ReadStep(stepMap) is { } step)
            {
                steps.Add(step);
            }
        }

        var dependsOn = new List<WorkflowReference>();
        foreach (var node in _yaml.GetSequence(map, "dependsOn", owner))
        {
            if (node is YamlScalarNode scalar && scalar.Value is { } value)
            {
                dependsOn.Add(new WorkflowReference(value, _yaml.ContentSpanOf(scalar)));
            }
        }

        return new Workflow(
            id,
            _yaml.ContentSpanOf(_yaml.Get(map, "workflowId")!),
            _yaml.GetString(map, "summary", owner),
            _yaml.GetString(map, "description", owner),
            inputs,
            steps.ToEquatableArray(),
            ReadOutputs(map, owner),
            ReadActions(map, "successActions", owner),
            ReadActions(map, "failureActions", owner),
            dependsOn.ToEquatableArray(),
            ReadParameters(map, owner),
            HasReadErrors: false);
    }

    private Step? ReadStep(YamlMappingNode map)
    {
        var id = _yaml.GetString(map, "stepId", "A step", required: true);
        if (id is null)
        {
            return null;
        }

        CheckId(map, "stepId", id);

        var owner = $"Step '{id}'";
        var operationId = _yaml.GetString(map, "operationId", owner);
        var operationPath = _yaml.GetString(map, "operationPath", owner);
        var workflowId = _yaml.GetString(map, "workflowId", owner);
        var targetNode = _yaml.Get(map, "operationId") ?? _yaml.Get(map, "operationPath") ?? _yaml.Get(
            map,
            "workflowId");
        var targets = (operationId is null ? 0 : 1) + (operationPath is null ? 0 : 1) + (workflowId is null ? 0 : 1);
        if (targets == 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingField, _yaml.SpanOf(map), owner,
                "one of the fields 'operationId', 'operationPath' or 'workflowId'");
        }
        else if (targets > 1)
        {
            // The three are mutually exclusive: running one and dropping the others would hide a mistake.
            Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.ContentSpanOf(targetNode!),
                "operationId/operationPath/workflowId", "set once",
                FormattableString.Invariant($"set {targets} times in step '{id}'"));
        }

        RequestBody? body = null;
        if (_yaml.GetMapping(map, "requestBody", owner) is { } bodyMap)
        {
            var payloadNode = _yaml.Get(bodyMap, "payload");
            body = new RequestBody(
                _yaml.GetString(bodyMap, "contentType", owner),
                payloadNode is null ? null : _yaml.ToPayload(payloadNode),
                ReadReplacements(bodyMap, owner),
                _yaml.SpanOf(bodyMap));
        }

        return new Step(
            id,
            _yaml.ContentSpanOf(_yaml.Get(map, "stepId")!),
            _yaml.GetString(map, "description", owner),
            operationId,
            operationPath,
            workflowId,
            targetNode is null ? _yaml.SpanOf(map) : _yaml.ContentSpanOf(targetNode),
            ReadParameters(map, owner),
            body,
            ReadCriteria(map, "successCriteria", owner),
            ReadActions(map, "onSuccess", owner),
            ReadActions(map, "onFailure", owner),
            ReadOutputs(map, owner));
    }

    /// <summary>The <c>parameters</c> of a workflow or a step.</summary>
    private EquatableArray<Parameter> ReadParameters(YamlMappingNode map, string owner)
    {
        var parameters = new List<Parameter>();
        foreach (var node in _yaml.GetSequence(map, "parameters", owner))
        {
            if (AsMapping(node, "parameters entry") is { } parameterMap && ReadParameter(parameterMap, owner) is { } p)
            {
                parameters.Add(p);
            }
        }

        return parameters.ToEquatableArray();
    }

    /// <summary>The <c>replacements</c> of a request body: each a target and a value of any type.</summary>
    private EquatableArray<Replacement> ReadReplacements(YamlMappingNode body, string owner)
    {
        var replacements = new List<Replacement>();
        foreach (var node in _yaml.GetSequence(body, "replacements", owner))
        {
            if (AsMapping(node, "replacements entry") is not { } map)
            {
                continue;
            }

            var target = _yaml.GetString(map, "target", $"A replacement of {owner}", required: true);
            var valueNode = _yaml.Get(map, "value");
            if (valueNode is null)
            {
                Diagnostics.Add(
                    DiagnosticDescriptors.MissingField,
                    _yaml.SpanOf(map),
                    $"Replacement '{target}'",
                    "the required field 'value'");
            }
            else if (target is not null && _yaml.ToPayload(valueNode) is { } value)
            {
                replacements.Add(new Replacement(target, _yaml.ContentSpanOf(_yaml.Get(map, "target")!), value));
            }
        }

        return replacements.ToEquatableArray();
    }

    private Parameter? ReadParameter(YamlMappingNode map, string owner)
    {
        if (_yaml.Get(map, "reference") is { } reference)
        {
            // A reusable parameter: the component, with its value replaced when the reference gives one.
            if (ResolveReference(reference, new[] { "parameters" }) is not { } component
                || ReadParameter(component, owner) is not { } reused)
            {
                return null;
            }

            return _yaml.Get(map, "value") is { } overrideNode && _yaml.ToPayload(overrideNode) is { } replacement
                ? reused with { Value = replacement, Span = _yaml.SpanOf(map) }
                : reused with { Span = _yaml.SpanOf(map) };
        }

        var name = _yaml.GetString(map, "name", $"A parameter of {owner}", required: true);
        var valueNode = _yaml.Get(map, "value");
        if (name is null)
        {
            // Reported once: an entry without a name (a '$ref', say) missing its value too is the same fault.
            return null;
        }

        if (valueNode is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.MissingField, _yaml.SpanOf(map), $"Parameter '{name}'",
                "the required field 'value'");
            return null;
        }

        var value = _yaml.ToPayload(valueNode);
        return value is null
            ? null
            : new Parameter(name, _yaml.GetString(map, "in", $"Parameter '{name}'"), value, _yaml.SpanOf(map),
                _yaml.SpanOf(_yaml.Get(map, "name")!));
    }

    private EquatableArray<Criterion> ReadCriteria(YamlMappingNode map, string key, string owner)
    {
        var criteria = new List<Criterion>();
        foreach (var node in _yaml.GetSequence(map, key, owner))
        {
            if (AsMapping(node, key + " entry") is not { } criterionMap)
            {
                continue;
            }

            var condition = _yaml.GetString(criterionMap, "condition", $"A criterion of {owner}", required: true);
            if (condition is null)
            {
                continue;
            }

            var contextNode = _yaml.Get(criterionMap, "context");
            var context = _yaml.GetString(criterionMap, "context", owner);
            string type = "simple";
            string? version = null;
            var versionSpan = _yaml.SpanOf(criterionMap);
            switch (_yaml.Get(criterionMap, "type"))
            {
                case YamlScalarNode scalar:
                    type = scalar.Value ?? "simple";
                    break;
                case YamlMappingNode typeMap:
                    type = _yaml.GetString(typeMap, "type", "A criterion expression type", required: true) ?? "simple";
                    version = _yaml.GetString(typeMap, "version", "A criterion expression type", required: true);
                    versionSpan = _yaml.Get(typeMap, "version") is { } versionNode
                        ? _yaml.ContentSpanOf(versionNode)
                        : _yaml.SpanOf(typeMap);
                    break;
            }

            criteria.Add(new Criterion(
                condition,
                _yaml.ContentSpanOf(_yaml.Get(criterionMap, "condition")!),
                context,
                contextNode is null ? _yaml.SpanOf(criterionMap) : _yaml.ContentSpanOf(contextNode),
                type,
                version,
                versionSpan));
        }

        return criteria.ToEquatableArray();
    }

    private EquatableArray<ActionObject> ReadActions(YamlMappingNode map, string key, string owner)
    {
        var actions = new List<ActionObject>();
        foreach (var node in _yaml.GetSequence(map, key, owner))
        {
            if (AsMapping(node, key + " entry") is not { } actionMap)
            {
                continue;
            }

            var isReference = false;
            if (_yaml.Get(actionMap, "reference") is { } reference)
            {
                // A reusable action: the component of the kind this list holds stands in its place.
                var kind = key is "onSuccess" or "successActions" ? "successActions" : "failureActions";
                if (ResolveReference(reference, new[] { kind }) is not { } component)
                {
                    continue;
                }

                actionMap = component;
                isReference = true;
            }

            var name = _yaml.GetString(actionMap, "name", $"An action of {owner}", required: true);
            var type = _yaml.GetString(actionMap, "type", $"Action '{name}'", required: true);
            if (name is null || type is null)
            {
                continue;
            }

            var retryLimit = _yaml.GetNumber(actionMap, "retryLimit");
            var targetNode = _yaml.Get(actionMap, "stepId") ?? _yaml.Get(actionMap, "workflowId");
            actions.Add(new ActionObject(
                name,
                type,
                _yaml.GetString(actionMap, "stepId", $"Action '{name}'"),
                _yaml.GetString(actionMap, "workflowId", $"Action '{name}'"),
                _yaml.GetNumber(actionMap, "retryAfter"),
                retryLimit is null ? null : (long)retryLimit.Value,
                ReadCriteria(actionMap, "criteria", $"action '{name}'"),
                _yaml.SpanOf(actionMap),
                targetNode is null ? _yaml.SpanOf(actionMap) : _yaml.ContentSpanOf(targetNode),
                isReference));
        }

        return actions.ToEquatableArray();
    }

    private EquatableArray<NamedExpression> ReadOutputs(YamlMappingNode map, string owner)
    {
        var outputs = new List<NamedExpression>();
        if (_yaml.GetMapping(map, "outputs", owner) is not { } outputsMap)
        {
            return outputs.ToEquatableArray();
        }

        foreach (var entry in outputsMap.Children)
        {
            var name = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            CheckName(entry.Key, name, "An output name");
            if (entry.Value is YamlScalarNode scalar && !YamlSupport.IsNull(scalar))
            {
                outputs.Add(new NamedExpression(name, scalar.Value ?? string.Empty, _yaml.ContentSpanOf(scalar)));
            }
            else
            {
                Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.SpanOf(entry.Value), name,
                    "a runtime expression string", YamlSupport.Describe(entry.Value));
            }
        }

        return outputs.ToEquatableArray();
    }

    private Schema? ReadSchema(YamlNode node, int depth)
    {
        if (node is not YamlMappingNode map)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.SpanOf(node), "inputs", "a JSON Schema object",
                YamlSupport.Describe(node));
            return null;
        }

        if (depth > YamlSupport.MaxDepth)
        {
            Diagnostics.Add(DiagnosticDescriptors.LimitExceeded, _yaml.SpanOf(node), _yaml.Path,
                "an inputs schema nested too deeply");
            return null;
        }

        if (_yaml.Get(map, "$ref") is { } refNode)
        {
            return ReadReferencedSchema(refNode, depth);
        }

        string? type = null;
        switch (_yaml.Get(map, "type"))
        {
            case YamlScalarNode scalar:
                type = scalar.Value;
                break;
            case YamlSequenceNode types:
                // JSON Schema allows a list such as [string, "null"]: the non-null member types the value.
                foreach (var t in types.Children)
                {
                    if (t is YamlScalarNode s && s.Value != "null")
                    {
                        type = s.Value;
                    }
                }

                break;
        }

        var required = new List<string>();
        foreach (var r in _yaml.GetSequence(map, "required", "The inputs schema"))
        {
            if (r is YamlScalarNode s && s.Value is not null)
            {
                required.Add(s.Value);
            }
        }

        var properties = new List<SchemaProperty>();
        if (_yaml.GetMapping(map, "properties", "The inputs schema") is { } props)
        {
            foreach (var entry in props.Children)
            {
                if (entry.Key is YamlScalarNode key && ReadSchema(entry.Value, depth + 1) is { } child)
                {
                    properties.Add(new SchemaProperty(key.Value ?? string.Empty, child));
                }
            }
        }

        var itemsNode = _yaml.Get(map, "items");

        return new Schema(
            type,
            _yaml.GetString(map, "format", "The inputs schema"),
            _yaml.GetString(map, "description", "The inputs schema"),
            required.ToEquatableArray(),
            properties.ToEquatableArray(),
            itemsNode is null ? null : ReadSchema(itemsNode, depth + 1),
            _yaml.SpanOf(map));
    }

    private static readonly Regex RequiredName = new(
        "^[a-zA-Z0-9.\\-_]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Output and component names MUST match <c>^[a-zA-Z0-9.\-_]+$</c> (Arazzo 1.0.1).</summary>
    private void CheckName(YamlNode key, string name, string what)
    {
        if (!RequiredName.IsMatch(name))
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.SpanOf(key), name,
                $"a name of letters, digits, '.', '-' and '_' ({what}, as Arazzo requires)", "not");
        }
    }

    /// <summary>An empty id is an error; one outside the pattern the spec recommends is a warning.</summary>
    private void CheckId(YamlMappingNode map, string key, string id)
    {
        var span = _yaml.ContentSpanOf(_yaml.Get(map, key)!);
        if (id.Length == 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, span, key, "a non-empty id", "empty");
        }
        else if (!RecommendedId.IsMatch(id))
        {
            Diagnostics.Add(DiagnosticDescriptors.IdPattern, span, key, id);
        }
    }

    private YamlMappingNode? AsMapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Diagnostics.Add(
            DiagnosticDescriptors.WrongType,
            _yaml.SpanOf(node),
            what,
            "an object",
            YamlSupport.Describe(node));
        return null;
    }
}
