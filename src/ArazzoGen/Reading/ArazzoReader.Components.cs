using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Binding;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Reading;

// Reusable objects. A Reusable Object (`reference: $components.parameters.x`, with an optional `value` for a
// parameter) and a `$ref: '#/components/inputs/x'` in an inputs schema are replaced here by the component they
// name, so binding sees ordinary parameters, actions and schemas and needs no notion of components.
internal sealed partial class ArazzoReader
{
    private readonly Dictionary<string, Dictionary<string, YamlNode>> _components = new(StringComparer.Ordinal);

    /// <summary>Remembers the <c>components</c> of the document by kind and name.</summary>
    private void ReadComponents(YamlMappingNode root)
    {
        if (_yaml.GetMapping(root, "components", "The document") is not { } components)
        {
            return;
        }

        foreach (var kind in new[] { "inputs", "parameters", "successActions", "failureActions" })
        {
            var byName = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            if (_yaml.GetMapping(components, kind, "components") is { } map)
            {
                foreach (var entry in map.Children)
                {
                    if (entry.Key is YamlScalarNode { Value: { } name })
                    {
                        CheckName(entry.Key, name, "A component name");
                        byName[name] = entry.Value;
                        CheckComponentAction(kind, entry.Value);
                    }
                }
            }

            _components[kind] = byName;
        }
    }

    /// <summary>
    /// The parameters of <c>components</c>, by their component names, for <c>$components.parameters.x</c>.
    /// </summary>
    private EquatableArray<Parameter> ReadComponentParameters()
    {
        var result = new List<Parameter>();
        if (_components.TryGetValue("parameters", out var parameters))
        {
            foreach (var entry in parameters)
            {
                if (entry.Value is YamlMappingNode map && ReadParameter(map, $"component '{entry.Key}'") is { } p)
                {
                    result.Add(p with { Name = entry.Key });
                }
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>
    /// A reusable action is checked where it is defined, even when nothing references it: a success action is an
    /// <c>end</c> or a <c>goto</c>; a failure action may also <c>retry</c>.
    /// </summary>
    private void CheckComponentAction(string kind, YamlNode node)
    {
        if (kind is not ("successActions" or "failureActions")
            || node is not YamlMappingNode map
            || _yaml.Get(map, "type") is not YamlScalarNode { Value: { } type } typeNode)
        {
            return;
        }

        var allowed = kind == "successActions" ? new[] { "end", "goto" } : new[] { "end", "goto", "retry" };
        if (!allowed.Contains(type))
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.ContentSpanOf(typeNode), "type",
                string.Join(", ", allowed) + " for a reusable " + (kind == "successActions" ? "success" : "failure")
                + " action", "'" + type + "'");
        }
    }

    /// <summary>
    /// The component a <c>reference</c> names, or null (reported) when the expression is malformed, of the wrong
    /// kind, or names nothing. <paramref name="kinds"/> are the component kinds allowed where the reference stands.
    /// </summary>
    private YamlMappingNode? ResolveReference(YamlNode reference, string[] kinds)
    {
        if (reference is not YamlScalarNode { Value: { } text })
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, _yaml.SpanOf(reference), "reference",
                $"a string such as $components.{kinds[0]}.<name>", YamlSupport.Describe(reference));
            return null;
        }

        const string Prefix = "$components.";
        var dot = text.StartsWith(Prefix, StringComparison.Ordinal) ? text.IndexOf('.', Prefix.Length) : -1;
        if (dot < 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, _yaml.ContentSpanOf(reference), text,
                $"a reference is written $components.{kinds[0]}.<name>");
            return null;
        }

        var kind = text.Substring(Prefix.Length, dot - Prefix.Length);
        var name = text.Substring(dot + 1);
        if (!kinds.Contains(kind))
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidExpression, _yaml.ContentSpanOf(reference), text,
                $"only components of kind {string.Join(" or ", kinds)} can be referenced here");
            return null;
        }

        var known = _components.TryGetValue(kind, out var byName) ? byName : new Dictionary<string, YamlNode>();
        if (!known.TryGetValue(name, out var node))
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, _yaml.ContentSpanOf(reference),
                "Component", name, $" in components.{kind}" + Suggestions.DidYouMean(name, known.Keys));
            return null;
        }

        return AsMapping(node, $"component '{name}'");
    }

    private readonly Dictionary<string, Schema?> _inputSchemas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema a <c>$ref</c> names, read once per component however often it is referenced. A component that refers
    /// to itself (a tree) is legal JSON Schema: below its first level it is a free-form value (a JsonElement).
    /// </summary>
    private Schema? ReadReferencedSchema(YamlNode refNode, int depth)
    {
        if (ResolveInputsRef(refNode, out var name) is not { } target)
        {
            return null;
        }

        if (_expanding.Contains(name))
        {
            return new Schema(null, null, null, EquatableArray<string>.Empty, EquatableArray<SchemaProperty>.Empty,
                null, _yaml.SpanOf(refNode));
        }

        if (!_inputSchemas.TryGetValue(name, out var schema))
        {
            _expanding.Add(name);
            schema = ReadSchema(target, depth + 1);
            _expanding.Remove(name);
            _inputSchemas[name] = schema;
        }

        return schema;
    }

    /// <summary>The schema a <c>$ref</c> in an inputs schema names: <c>#/components/inputs/&lt;name&gt;</c>.</summary>
    private YamlNode? ResolveInputsRef(YamlNode refNode, out string name)
    {
        name = string.Empty;
        var text = (refNode as YamlScalarNode)?.Value ?? string.Empty;
        const string Prefix = "#/components/inputs/";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            Diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, _yaml.ContentSpanOf(refNode),
                $"'$ref: {text}' (only #/components/inputs/<name> is read)", "a workflow's inputs schema");
            return null;
        }

        name = text.Substring(Prefix.Length).Replace("~1", "/").Replace("~0", "~");
        var known = _components.TryGetValue("inputs", out var byName) ? byName : new Dictionary<string, YamlNode>();
        if (!known.TryGetValue(name, out var node))
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, _yaml.ContentSpanOf(refNode),
                "Component", name, " in components.inputs" + Suggestions.DidYouMean(name, known.Keys));
            return null;
        }

        return node;
    }
}
