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
                        byName[name] = entry.Value;
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
    /// The component a <c>reference</c> names, or null (reported) when the expression is malformed, of the wrong
    /// kind, or names nothing. <paramref name="kinds"/> are the component kinds allowed where the reference stands.
    /// </summary>
    private YamlMappingNode? ResolveReference(YamlNode reference, string[] kinds)
    {
        var text = (reference as YamlScalarNode)?.Value ?? string.Empty;
        const string Prefix = "$components.";
        var dot = text.IndexOf('.', Prefix.Length);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || dot < 0)
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
                "Component " + kind, name, Suggestions.DidYouMean(name, known.Keys));
            return null;
        }

        return AsMapping(node, $"component '{name}'");
    }

    /// <summary>The schema a <c>$ref</c> in an inputs schema names: <c>#/components/inputs/&lt;name&gt;</c>.</summary>
    private YamlNode? ResolveInputsRef(YamlNode refNode)
    {
        var text = (refNode as YamlScalarNode)?.Value ?? string.Empty;
        const string Prefix = "#/components/inputs/";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            Diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, _yaml.ContentSpanOf(refNode),
                $"'$ref: {text}' (only #/components/inputs/<name> is read)", "a workflow's inputs schema");
            return null;
        }

        var name = text.Substring(Prefix.Length).Replace("~1", "/").Replace("~0", "~");
        var known = _components.TryGetValue("inputs", out var byName) ? byName : new Dictionary<string, YamlNode>();
        if (!known.TryGetValue(name, out var node))
        {
            Diagnostics.Add(DiagnosticDescriptors.UnknownReference, _yaml.ContentSpanOf(refNode),
                "Component inputs", name, Suggestions.DidYouMean(name, known.Keys));
            return null;
        }

        return node;
    }
}
