using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.XPath;
using ArazzoGen.Expressions;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

/// <summary>Whether a replacement target reaches a node of the payload.</summary>
internal enum TargetResolution
{
    /// <summary>The target selects a node.</summary>
    Found,

    /// <summary>The target selects nothing, whatever the expressions evaluate to: a build error.</summary>
    Missing,

    /// <summary>The target goes inside a value an expression supplies: only the run can tell.</summary>
    Unknown,
}

/// <summary>
/// Build-time checks of request-body templates. Embedded values are escaped where they stand (inside a JSON string,
/// as one JSON value, as XML text), so a template's structure is known before it runs: these check it is
/// well-formed and that replacement targets exist, using a probe in which a stand-in replaces each expression.
/// </summary>
internal static class BodyTemplates
{
    /// <summary>Stands for an expression outside JSON strings: a string no document writes.</summary>
    private const string Marker = "\uE000arazzo-expression\uE000";

    /// <summary>For each expression of a JSON template, whether it stands inside a JSON string literal.</summary>
    public static List<bool> InJsonString(IReadOnlyList<TemplatePart> parts)
    {
        var flags = new List<bool>();
        var inString = false;
        var escaped = false;
        foreach (var part in parts)
        {
            if (part.Literal is null)
            {
                flags.Add(inString);
                escaped = false;
                continue;
            }

            foreach (var c in part.Literal)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (inString && c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = !inString;
                }
            }
        }

        return flags;
    }

    /// <summary>Parses the JSON probe of a template; returns the parser's complaint, or null when it is JSON.</summary>
    public static string? CheckJson(IReadOnlyList<TemplatePart> parts, List<bool> inString, out JsonDocument? probe)
    {
        var text = new StringBuilder();
        var expression = 0;
        foreach (var part in parts)
        {
            text.Append(part.Literal ?? (inString[expression++] ? "x" : JsonString(Marker)));
        }

        try
        {
            probe = JsonDocument.Parse(text.ToString());
            return null;
        }
        catch (JsonException ex)
        {
            probe = null;
            return ex.Message;
        }
    }

    /// <summary>Parses the XML probe of a template; returns the parser's complaint, or null.</summary>
    public static string? CheckXml(IReadOnlyList<TemplatePart> parts, out XmlDocument? probe)
    {
        var text = string.Concat(parts.Select(p => p.Literal ?? "x"));
        var document = new XmlDocument { XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document.Load(reader);
            probe = document;
            return null;
        }
        catch (XmlException ex)
        {
            probe = null;
            return ex.Message;
        }
    }

    /// <summary>Null when <paramref name="target"/> is XPath 1.0 selecting nodes; the complaint otherwise.</summary>
    public static string? CheckXPath(string target)
    {
        try
        {
            var type = XPathExpression.Compile(target).ReturnType;
            return type == XPathResultType.NodeSet ? null : "it evaluates to a " + type + ", not to nodes";
        }
        catch (XPathException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Whether an XPath target selects a node (prefixes as the document element declares them).</summary>
    public static TargetResolution ResolveXPath(XmlDocument probe, string target)
    {
        var namespaces = new XmlNamespaceManager(probe.NameTable);
        foreach (XmlAttribute attribute in probe.DocumentElement!.Attributes)
        {
            if (attribute.Prefix == "xmlns")
            {
                namespaces.AddNamespace(attribute.LocalName, attribute.Value);
            }
        }

        try
        {
            return probe.SelectNodes(target, namespaces)?.Count > 0 ? TargetResolution.Found : TargetResolution.Missing;
        }
        catch (XPathException)
        {
            // A prefix the document does not declare, say: the run reports it with the body it has.
            return TargetResolution.Unknown;
        }
    }

    /// <summary>Follows a JSON Pointer through the probe of a JSON template.</summary>
    public static TargetResolution ResolvePointer(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in Tokens(pointer))
        {
            if (current.ValueKind == JsonValueKind.String && current.GetString() == Marker)
            {
                return TargetResolution.Unknown;
            }

            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && Index(token) is { } i && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return TargetResolution.Missing;
            }
        }

        return TargetResolution.Found;
    }

    /// <summary>Follows a JSON Pointer through a structured payload template.</summary>
    public static TargetResolution ResolvePointer(PayloadNode root, string pointer)
    {
        var current = root;
        foreach (var token in Tokens(pointer))
        {
            if (current.Kind == PayloadKind.String && IsWholeExpression(current.Text))
            {
                return TargetResolution.Unknown;
            }

            var next = current.Kind switch
            {
                PayloadKind.Object => current.Members.LastOrDefault(m => m.Name == token)?.Value,
                PayloadKind.Array when Index(token) is { } i && i < current.Items.Count => current.Items[i],
                _ => null,
            };
            if (next is null)
            {
                return TargetResolution.Missing;
            }

            current = next;
        }

        return TargetResolution.Found;
    }

    /// <summary>A string that is exactly one runtime expression: its value keeps its JSON type.</summary>
    public static bool IsWholeExpression(string text)
        => text.Length > 0 && text[0] == '$' && RuntimeExpressionParser.StartsExpression(text, 0)
           && RuntimeExpressionParser.ParseWhole(text, out _, out _) is not null;

    public static bool IsPointer(string target) => target.Length == 0 || target[0] == '/';

    private static IEnumerable<string> Tokens(string pointer) => pointer.Length == 0
        ? Array.Empty<string>()
        : pointer.Substring(1).Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"));

    /// <summary>An array index as RFC 6901 writes it: digits without leading zeros.</summary>
    private static int? Index(string token)
        => token.Length > 0 && (token == "0" || token[0] != '0') && token.All(c => c is >= '0' and <= '9')
           && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    private static string JsonString(string text) => "\"" + text + "\"";
}
