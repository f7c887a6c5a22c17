using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.XPath;

namespace ArazzoGen.Runtime;

/// <summary>How a request body is encoded from what the step's payload produced.</summary>
internal enum BodyKind
{
    /// <summary>JSON text.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c> from a JSON object's members.</summary>
    Form,

    /// <summary><c>multipart/form-data</c> from a JSON object's members.</summary>
    Multipart,

    /// <summary>XML text; replacements select nodes by XPath.</summary>
    Xml,

    /// <summary>Text sent as it is: <c>text/*</c>, a form string template, anything else.</summary>
    Text,
}

/// <summary>A step's request body: the payload generated code built, its replacements, its encoding.</summary>
internal sealed class RequestBody
{
    private readonly List<KeyValuePair<string, ArazzoValue>> _replacements = new();
    private byte[]? _json;
    private string? _text;
    private ArazzoValue? _payload;

    private RequestBody(BodyKind kind, string contentType, byte[]? json, string? text)
    {
        Kind = kind;
        ContentType = contentType;
        _json = json;
        _text = text;
    }

    public BodyKind Kind { get; }

    public string ContentType { get; private set; }

    /// <summary>
    /// The payload after replacements, for <c>$request.body</c>: JSON for JSON, form and multipart bodies built from
    /// a value, text otherwise.
    /// </summary>
    public ArazzoValue Payload
        => _payload ??= _json is not null ? ArazzoValue.ParseJson(_json) : ArazzoValue.From(_text);

    public static RequestBody FromJson(BodyKind kind, string contentType, byte[] utf8Json)
        => new(kind, contentType, utf8Json, null);

    public static RequestBody FromText(BodyKind kind, string contentType, string text)
        => new(kind, contentType, null, text);

    public void AddReplacement(string target, ArazzoValue value) => _replacements.Add(new(target, value));

    /// <summary>Applies the replacements and encodes the body.</summary>
    /// <exception cref="FormatException">A target selects nothing, or the payload cannot be so encoded.</exception>
    public byte[] Encode()
    {
        ApplyReplacements();
        switch (Kind)
        {
            case BodyKind.Form when _json is not null:
                return Encoding.UTF8.GetBytes(FormBody.Encode(_json));
            case BodyKind.Multipart:
                var (bytes, boundary) = FormBody.EncodeMultipart(_json!);
                ContentType = WithBoundary(ContentType, boundary);
                return bytes;
            default:
                return _json ?? Encoding.UTF8.GetBytes(_text!);
        }
    }

    private void ApplyReplacements()
    {
        if (_replacements.Count == 0)
        {
            return;
        }

        if (_json is not null)
        {
            _json = ReplaceByPointer(_json, _replacements);
        }
        else if (Kind == BodyKind.Xml)
        {
            _text = ReplaceByXPath(_text!, _replacements);
        }
        else
        {
            throw new FormatException(
                "replacements apply to JSON and XML bodies, and to form bodies built from objects");
        }

        _replacements.Clear();
        _payload = null;
    }

    private static byte[] ReplaceByPointer(byte[] json, List<KeyValuePair<string, ArazzoValue>> replacements)
    {
        var root = JsonNode.Parse(json);
        foreach (var (target, value) in replacements)
        {
            if (value.Kind == ArazzoValueKind.Missing)
            {
                // A replacement whose expression has no value (an optional input left unset) leaves the body as it is.
                continue;
            }

            var node = JsonNode.Parse(CompactJson.Write(value));
            if (target.Length == 0)
            {
                root = node;
                continue;
            }

            var (parent, token) = Parent(root, target);
            if (parent is JsonObject obj && obj.ContainsKey(token))
            {
                obj[token] = node;
            }
            else if (parent is JsonArray array && Index(token) is { } index && index < array.Count)
            {
                array[index] = node;
            }
            else
            {
                throw NoTarget(target);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (root is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                root.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The node that holds the pointer's last token, and that token.</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonNode? root, string pointer)
    {
        if (pointer[0] != '/')
        {
            throw NoTarget(pointer);
        }

        var tokens = pointer.Substring(1).Split('/');
        var current = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            var token = Unescape(tokens[i]);
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when Index(token) is { } index && index < array.Count => array[index],
                _ => throw NoTarget(pointer),
            };
        }

        return (current, Unescape(tokens[tokens.Length - 1]));
    }

    private static string ReplaceByXPath(string xml, List<KeyValuePair<string, ArazzoValue>> replacements)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException("the XML body is not well-formed: " + ex.Message);
        }

        var namespaces = Namespaces(document);
        foreach (var (target, value) in replacements)
        {
            if (value.Kind == ArazzoValueKind.Missing)
            {
                continue;
            }

            XmlNodeList? nodes;
            try
            {
                nodes = document.SelectNodes(target, namespaces);
            }
            catch (XPathException ex)
            {
                throw new FormatException("replacement target '" + target + "' is not XPath 1.0: " + ex.Message);
            }

            if (nodes is null || nodes.Count == 0)
            {
                throw NoTarget(target);
            }

            var text = CompactJson.Text(value);
            foreach (XmlNode node in nodes)
            {
                SetText(node, text, target);
            }
        }

        return document.OuterXml;
    }

    private static void SetText(XmlNode node, string text, string target)
    {
        switch (node.NodeType)
        {
            case XmlNodeType.Element:
                node.InnerText = text;
                break;
            case XmlNodeType.Attribute:
            case XmlNodeType.Text:
            case XmlNodeType.CDATA:
                node.Value = text;
                break;
            default:
                throw new FormatException(
                    "replacement target '" + target + "' selects a " + node.NodeType + ", not an element, attribute "
                    + "or text");
        }
    }

    /// <summary>The prefixes the document element declares, so a target can name namespaced nodes.</summary>
    private static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var manager = new XmlNamespaceManager(document.NameTable);
        if (document.DocumentElement is { } root)
        {
            foreach (XmlAttribute attribute in root.Attributes)
            {
                if (attribute.Prefix == "xmlns")
                {
                    manager.AddNamespace(attribute.LocalName, attribute.Value);
                }
            }
        }

        return manager;
    }

    /// <summary>An array index as RFC 6901 writes it: digits, no leading zero.</summary>
    private static int? Index(string token)
        => token.Length > 0 && (token == "0" || token[0] != '0')
           && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    /// <summary>The media type with this body's boundary (replacing one the document may have written).</summary>
    private static string WithBoundary(string contentType, string boundary)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var header))
        {
            throw new FormatException("'" + contentType + "' is not a media type");
        }

        var boundaries = header.Parameters
            .Where(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var given in boundaries)
        {
            header.Parameters.Remove(given);
        }

        header.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
        return header.ToString();
    }

    private static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");

    private static FormatException NoTarget(string target)
        => new("replacement target '" + target + "' selects nothing in the request body");
}
