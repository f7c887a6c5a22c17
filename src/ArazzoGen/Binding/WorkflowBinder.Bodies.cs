using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

// Binding, part four: a step's request body. The media type (the step's contentType, else the operation's) decides
// how the payload is encoded; replacements then target it by JSON Pointer or XPath.
internal sealed partial class WorkflowBinder
{
    private void BindBody(
        Step step,
        RequestBody body,
        OperationInfo operation,
        ExpressionCompiler compiler,
        List<string> code)
    {
        if (body.Payload is not { } payload)
        {
            if (body.Replacements.Count > 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingField, body.Span,
                    $"The requestBody of step '{step.StepId}'",
                    "the required field 'payload': its replacements have nothing to apply to");
            }

            return;
        }

        var contentType = body.ContentType ?? operation.RequestContentType ?? DefaultContentType(payload);
        if (!MediaTypes.IsValid(contentType))
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, body.Span, "contentType",
                "a media type such as application/json", "'" + contentType + "'");
            return;
        }

        if (MediaTypes.ForeignCharset(contentType) is { } charset)
        {
            // Encoding in that charset would need it in every encoder (form percent-encoding, multipart, XML's own
            // declaration), and .NET knows few charsets without a code-page provider: name it instead.
            var where = body.ContentType is null ? $"contentType (the operation's '{contentType}')" : "contentType";
            _diagnostics.Add(DiagnosticDescriptors.WrongType, body.Span, where,
                "UTF-8 (bodies are sent as UTF-8: write charset=utf-8 or no charset)", $"charset '{charset}'");
            return;
        }

        var media = MediaTypes.Classify(contentType);
        var mark = _diagnostics.Mark();
        var shape = BindPayload(step, payload, contentType, media, compiler, code);
        if (shape is not null && !_diagnostics.HasErrorsSince(mark))
        {
            foreach (var replacement in body.Replacements)
            {
                BindReplacement(replacement, media, contentType, shape, compiler, code);
            }
        }

        shape?.Probe?.Dispose();
    }

    /// <summary>Without a declared media type: JSON for values and expressions, text for string templates.</summary>
    private static string DefaultContentType(PayloadNode payload)
        => payload.Kind == PayloadKind.String && !BodyTemplates.IsWholeExpression(payload.Text)
            ? "text/plain"
            : "application/json";

    /// <summary>Emits the call that sets the body; returns what replacements are checked against, or null.</summary>
    private PayloadShape? BindPayload(
        Step step,
        PayloadNode payload,
        string contentType,
        MediaKind media,
        ExpressionCompiler compiler,
        List<string> code)
    {
        var type = CSharp.Literal(contentType);
        if (payload.Kind == PayloadKind.String && BodyTemplates.IsWholeExpression(payload.Text))
        {
            return BindWholePayload(payload, type, media, compiler, code);
        }

        if (payload.Kind == PayloadKind.String)
        {
            return BindTemplate(step, payload, contentType, media, compiler, code);
        }

        // A value, not a string: JSON takes any; form and multipart an object; text media a scalar, as written.
        var structured = payload.Kind is PayloadKind.Object or PayloadKind.Array;
        var method = media switch
        {
            MediaKind.Json => "SetJsonBody",
            MediaKind.Form when payload.Kind == PayloadKind.Object => "SetFormBody",
            MediaKind.Multipart when payload.Kind == PayloadKind.Object => "SetMultipartBody",
            MediaKind.Text or MediaKind.Other when !structured => "SetTextBody",
            _ => null,
        };
        if (method is null)
        {
            var expected = media is MediaKind.Form or MediaKind.Multipart ? "an object" : "a string template";
            if (media == MediaKind.Other)
            {
                _diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, payload.Span,
                    $"A '{contentType}' body built from a structured payload", $"step '{step.StepId}'");
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.WrongType, payload.Span, "payload",
                    $"{expected} for content type {contentType}", "a " + payload.Kind.ToString().ToLowerInvariant());
            }

            return null;
        }

        if (method == "SetTextBody")
        {
            code.Add($"request.SetTextBody({type}, {CSharp.Literal(payload.Text)});");
            return PayloadShape.Text;
        }

        var lines = new List<string>();
        if (!WritePayload(payload, null, compiler, lines))
        {
            return null;
        }

        code.Add($"request.{method}({type}, writer =>");
        code.Add("{");
        code.AddRange(lines.Select(l => "    " + l));
        code.Add("});");
        return new PayloadShape(payload, null, null, IsText: false);
    }

    /// <summary>A payload that is one expression: its value is encoded at run time.</summary>
    private PayloadShape? BindWholePayload(
        PayloadNode payload,
        string type,
        MediaKind media,
        ExpressionCompiler compiler,
        List<string> code)
    {
        var value = compiler.CompileString(payload.Text, payload.Span);
        if (value.Whole is not { } whole)
        {
            return null;
        }

        code.Add(media switch
        {
            MediaKind.Json => $"request.SetJsonBody({type}, {whole.Code});",
            MediaKind.Form => $"request.SetFormBody({type}, {whole.Code});",
            MediaKind.Multipart => $"request.SetMultipartBody({type}, {whole.Code});",
            MediaKind.Xml => $"request.SetXmlBody({type}, {whole.Code}.ToText());",
            _ => $"request.SetTextBody({type}, {whole.Code}.ToText());",
        });
        return PayloadShape.Expression;
    }

    /// <summary>
    /// A string template. Each embedded value is escaped for where it stands: inside a JSON string or as a JSON
    /// value, as XML text, form-encoded; in other text it is inserted as it is.
    /// </summary>
    private PayloadShape? BindTemplate(
        Step step,
        PayloadNode payload,
        string contentType,
        MediaKind media,
        ExpressionCompiler compiler,
        List<string> code)
    {
        if (media == MediaKind.Multipart)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, payload.Span, "payload",
                "an object for content type " + contentType, "a string");
            return null;
        }

        if (compiler.CompileTemplate(payload.Text, payload.Span) is not { } parts)
        {
            return null;
        }

        var helpers = new List<string?>();
        if (CheckTemplate(payload, contentType, media, parts, helpers) is not { } shape)
        {
            return null;
        }

        var method = media switch
        {
            MediaKind.Json => "SetJsonBody",
            MediaKind.Form => "SetFormBody",
            MediaKind.Xml => "SetXmlBody",
            _ => "SetTextBody",
        };
        code.Add($"request.{method}({CSharp.Literal(contentType)}, {TemplateCode(parts, helpers)});");
        return shape;
    }

    /// <summary>
    /// Checks that a JSON or XML template keeps its structure once its expressions are in, and picks for each
    /// expression the <c>EmbeddedValue</c> helper that escapes it (null: inserted as text).
    /// </summary>
    private PayloadShape? CheckTemplate(
        PayloadNode payload,
        string contentType,
        MediaKind media,
        List<TemplatePart> parts,
        List<string?> helpers)
    {
        var expressions = parts.Count(p => p.Value is not null);
        switch (media)
        {
            case MediaKind.Json:
                var inString = BodyTemplates.InJsonString(parts);
                if (BodyTemplates.CheckJson(parts, inString, out var json) is { } jsonError)
                {
                    _diagnostics.Add(DiagnosticDescriptors.WrongType, payload.Span, "payload",
                        $"JSON text for content type {contentType} (to send a JSON string, quote it)",
                        "not: " + jsonError);
                    return null;
                }

                if (BodyTemplates.JsonKeyExpressions(json!.RootElement) is { Count: > 0 } keys)
                {
                    var embedded = parts.Where(p => p.Value is not null).ToList();
                    foreach (var key in keys)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.WrongType, embedded[key].Span, embedded[key].Expression,
                            "used as a JSON value or inside a JSON string in a JSON template",
                            $"an object key (a key is a string: quote it, \"{{{embedded[key].Expression}}}\")");
                    }

                    json.Dispose();
                    return null;
                }

                helpers.AddRange(inString.Select(s => s ? "EmbeddedValue.JsonString" : "EmbeddedValue.Json"));
                return new PayloadShape(null, json, null, IsText: false);
            case MediaKind.Xml:
                if (!CheckXmlMarkup(parts))
                {
                    return null;
                }

                if (BodyTemplates.CheckXml(parts, out var xml) is { } xmlError)
                {
                    _diagnostics.Add(DiagnosticDescriptors.WrongType, payload.Span, "payload",
                        $"well-formed XML for content type {contentType}", "not: " + xmlError);
                    return null;
                }

                helpers.AddRange(Enumerable.Repeat("EmbeddedValue.Xml", expressions));
                return new PayloadShape(null, null, xml, IsText: false);
            case MediaKind.Form:
                helpers.AddRange(Enumerable.Repeat("EmbeddedValue.Form", expressions));
                return PayloadShape.Text;
            default:
                helpers.AddRange(Enumerable.Repeat<string?>(null, expressions));
                return PayloadShape.Text;
        }
    }

    /// <summary>
    /// Reports each expression of an XML template that stands in markup rather than in element text or an attribute
    /// value: escaped as text it would still change a name, a comment or CDATA section (which take no references).
    /// </summary>
    private bool CheckXmlMarkup(List<TemplatePart> parts)
    {
        var embedded = parts.Where(p => p.Value is not null).ToList();
        var contexts = BodyTemplates.XmlMarkupContexts(parts);
        var ok = true;
        for (var i = 0; i < embedded.Count; i++)
        {
            if (contexts[i] is { } context)
            {
                _diagnostics.Add(DiagnosticDescriptors.WrongType, embedded[i].Span, embedded[i].Expression,
                    "in element text or a quoted attribute value of an XML template (there it is escaped as text)",
                    "in " + context);
                ok = false;
            }
        }

        return ok;
    }

    /// <summary><c>string.Concat</c> of a template's literal chunks and its escaped expressions.</summary>
    private static string TemplateCode(List<TemplatePart> parts, List<string?> helpers)
    {
        var pieces = new List<string>();
        var expression = 0;
        foreach (var part in parts)
        {
            if (part.Literal is { } literal)
            {
                pieces.AddRange(LiteralChunks(literal));
                continue;
            }

            var value = part.Value!.Value.Code;
            var helper = helpers[expression++];
            pieces.Add(helper is null ? value + ".ToText()" : $"{CSharp.Runtime}.{helper}({value})");
        }

        return pieces.Count == 1 ? pieces[0] : "string.Concat(" + string.Join(", ", pieces) + ")";
    }

    private void BindReplacement(
        Replacement replacement,
        MediaKind media,
        string contentType,
        PayloadShape shape,
        ExpressionCompiler compiler,
        List<string> code)
    {
        var target = replacement.Target;
        var byPointer = media is MediaKind.Json || media is MediaKind.Form or MediaKind.Multipart && !shape.IsText;
        if (!byPointer && (media != MediaKind.Xml || shape.IsText))
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, replacement.TargetSpan, "replacements",
                "used on a JSON or XML body, or a form body built from an object",
                $"used on a '{contentType}' body");
            return;
        }

        var resolution = byPointer ? ResolvePointer(replacement, shape) : ResolveXPath(replacement, shape);
        if (resolution == TargetResolution.Missing)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownReference, replacement.TargetSpan, "Replacement target",
                target, " in the request payload (a replacement replaces a value; it does not add one)");
        }

        if (resolution is null or TargetResolution.Missing
            || ValueOf(replacement.Value, compiler, literalScalarsAsText: false) is not { } value)
        {
            return;
        }

        var head = $"request.AddReplacement({CSharp.Literal(target)}, ";
        if (value.Lines.Count > 0)
        {
            code.AddRange(JsonValueCall(head, value.Lines, "));"));
        }
        else
        {
            code.Add(head + (value.IsText ? $"{CSharp.Runtime}.ArazzoValue.From({value.Code})" : value.Code) + ");");
        }
    }

    private TargetResolution? ResolvePointer(Replacement replacement, PayloadShape shape)
    {
        if (!BodyTemplates.IsPointer(replacement.Target))
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, replacement.TargetSpan, "target",
                "a JSON Pointer (empty, or starting with '/') for this body", "'" + replacement.Target + "'");
            return null;
        }

        if (JsonPointerSyntax.BadEscape(replacement.Target) is var bad and >= 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, replacement.TargetSpan.Slice(bad, 1), "target",
                "a JSON Pointer: " + JsonPointerSyntax.BadEscapeMessage, "'" + replacement.Target + "'");
            return null;
        }

        return shape switch
        {
            { Template: { } template } => BodyTemplates.ResolvePointer(template, replacement.Target),
            { Probe: { } probe } => BodyTemplates.ResolvePointer(probe.RootElement, replacement.Target),
            _ => TargetResolution.Unknown,
        };
    }

    private TargetResolution? ResolveXPath(Replacement replacement, PayloadShape shape)
    {
        if (BodyTemplates.CheckXPath(replacement.Target) is { } error)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, replacement.TargetSpan, "target",
                "an XPath 1.0 expression for an XML body", $"'{replacement.Target}' ({error})");
            return null;
        }

        return shape.Xml is { } xml ? BodyTemplates.ResolveXPath(xml, replacement.Target) : TargetResolution.Unknown;
    }

    /// <summary>
    /// A literal as C# string literals short enough for a 120-column line, split after line breaks where it has them.
    /// </summary>
    private static IEnumerable<string> LiteralChunks(string text)
    {
        const int Width = 72;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || CSharp.Literal(text.Substring(start, i - start + 1)).Length >= Width)
            {
                yield return CSharp.Literal(text.Substring(start, i - start + 1));
                start = i + 1;
            }
        }

        if (start < text.Length || text.Length == 0)
        {
            yield return CSharp.Literal(text.Substring(start));
        }
    }

    /// <summary>
    /// What a payload's replacement targets are checked against: the structured template, the probe of a JSON or
    /// XML string template, or nothing (a whole expression or text: the run checks).
    /// </summary>
    /// <remarks><see cref="IsText"/>: a body sent as text (a form template, plain text) no target addresses.</remarks>
    private sealed record PayloadShape(PayloadNode? Template, JsonDocument? Probe, XmlDocument? Xml, bool IsText)
    {
        public static readonly PayloadShape Expression = new(null, null, null, IsText: false);

        public static readonly PayloadShape Text = new(null, null, null, IsText: true);
    }
}
