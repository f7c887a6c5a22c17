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
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Stands for an expression outside JSON strings, followed by its index: a string no document writes, and one
    /// that tells which expression a JSON key came from.
    /// </summary>
    private const string Marker = "\uE000arazzo-expression-";

    /// <summary>Stands for an expression while an XML template is scanned: U+FFFF is no XML character.</summary>
    private const char XmlMarker = '\uFFFF';

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
            if (part.Literal is { } literal)
            {
                text.Append(literal);
            }
            else
            {
                text.Append(inString[expression] ? "x" : JsonString(Marker + expression.ToString(Invariant)));
                expression++;
            }
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

    /// <summary>
    /// The indexes of the expressions a JSON probe has as object keys. A value there would be written as a bare JSON
    /// value (<c>{5: 1}</c>), which no JSON key is; quoted (<c>"{$…}": 1</c>) it is escaped into a string key.
    /// </summary>
    public static List<int> JsonKeyExpressions(JsonElement root)
    {
        var found = new List<int>();
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in element.EnumerateObject())
                {
                    if (MarkerIndex(member.Name) is { } index)
                    {
                        found.Add(index);
                    }

                    pending.Push(member.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }

        found.Sort();
        return found;
    }

    /// <summary>
    /// For each expression of an XML template, null when it stands in element text or a quoted attribute value
    /// (where it is escaped as text), else what markup it stands in: there no escaping keeps it data (a name cannot
    /// be escaped; a comment, CDATA section or processing instruction takes no character references).
    /// </summary>
    public static List<string?> XmlMarkupContexts(IReadOnlyList<TemplatePart> parts)
    {
        var text = string.Concat(parts.Select(p => p.Literal ?? XmlMarker.ToString()));
        var contexts = new List<string?>();
        var state = XmlState.Text;
        var resume = XmlState.Text;
        var quote = '"';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == XmlMarker)
            {
                contexts.Add(XmlContextName(state));
                continue;
            }

            switch (state)
            {
                case XmlState.Text when c == '&':
                case XmlState.AttributeValue when c == '&':
                    resume = state;
                    state = XmlState.Reference;
                    break;
                case XmlState.Text when c == '<':
                    (state, i) = At(text, i, "<!--") ? (XmlState.Comment, i + 3)
                        : At(text, i, "<![CDATA[") ? (XmlState.CData, i + 8)
                        : At(text, i, "<?") ? (XmlState.Instruction, i + 1)
                        : At(text, i, "<!") ? (XmlState.Declaration, i + 1)
                        : At(text, i, "</") ? (XmlState.Name, i + 1)
                        : (XmlState.Name, i);
                    break;
                case XmlState.Name when char.IsWhiteSpace(c) || c == '/':
                case XmlState.AttributeValue when c == quote:
                    state = XmlState.Tag;
                    break;
                case XmlState.Name when c == '>':
                case XmlState.Tag when c == '>':
                case XmlState.Declaration when c == '>':
                    state = XmlState.Text;
                    break;
                case XmlState.Tag when c is '"' or '\'':
                    quote = c;
                    state = XmlState.AttributeValue;
                    break;
                case XmlState.Reference when c == ';' || char.IsWhiteSpace(c) || c == '<':
                    // A reference without its ';' is malformed: the well-formedness check reports it.
                    state = resume;
                    break;
                case XmlState.Comment when At(text, i, "-->"):
                case XmlState.CData when At(text, i, "]]>"):
                    state = XmlState.Text;
                    i += 2;
                    break;
                case XmlState.Instruction when At(text, i, "?>"):
                    state = XmlState.Text;
                    i++;
                    break;
            }
        }

        return contexts;
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
            if (current.ValueKind == JsonValueKind.String && MarkerIndex(current.GetString()!) is not null)
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

    /// <summary>The index of the expression a probe string stands for; null for a string the template wrote.</summary>
    private static int? MarkerIndex(string text)
        => text.StartsWith(Marker, StringComparison.Ordinal)
           && int.TryParse(text.Substring(Marker.Length), NumberStyles.None, Invariant, out var index)
            ? index
            : null;

    private static bool At(string text, int index, string expected)
        => string.CompareOrdinal(text, index, expected, 0, expected.Length) == 0;

    private static string? XmlContextName(XmlState state) => state switch
    {
        XmlState.Text or XmlState.AttributeValue => null,
        XmlState.Name => "an element name",
        XmlState.Tag => "a tag outside a quoted attribute value (an attribute name, say)",
        XmlState.Reference => "a character or entity reference",
        XmlState.Comment => "a comment",
        XmlState.CData => "a CDATA section",
        XmlState.Instruction => "a processing instruction",
        _ => "a markup declaration",
    };

    /// <summary>Where an XML template's scanner stands.</summary>
    private enum XmlState
    {
        Text,
        Name,
        Tag,
        AttributeValue,
        Reference,
        Comment,
        CData,
        Instruction,
        Declaration,
    }
}
