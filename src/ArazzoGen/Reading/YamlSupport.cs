using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Reading;

/// <summary>
/// Typed reads of a YAML (or JSON, which YAML reads too) mapping, reporting a diagnostic at the offending
/// node instead of throwing. Lives only inside the read step: no YAML node leaves it.
/// </summary>
internal sealed class YamlSupport
{
    /// <summary>Payload templates deeper or larger than this are refused (and alias bombs stop here).</summary>
    public const int MaxDepth = 64;
    public const int MaxNodes = 100_000;

    private readonly string _path;
    private readonly string _text;
    private readonly int[] _lineStarts;
    private int _nodesVisited;

    public YamlSupport(string path, string text, DiagnosticBag diagnostics)
    {
        _path = path;
        _text = text;
        Diagnostics = diagnostics;
        _lineStarts = ComputeLineStarts(text);
    }

    public DiagnosticBag Diagnostics { get; }

    public string Path => _path;

    public SourceSpan SpanOf(YamlNode node) => Span(node.Start, node.End);

    /// <summary>The span of a scalar's content, without its quotes, so columns inside the string are exact.</summary>
    public SourceSpan ContentSpanOf(YamlNode node)
    {
        var span = SpanOf(node);
        if (node is YamlScalarNode scalar
            && (scalar.Style == ScalarStyle.SingleQuoted || scalar.Style == ScalarStyle.DoubleQuoted)
            && span.StartLine == span.EndLine && span.Length >= 2)
        {
            var content = span.Slice(1, span.Length - 2);
            return content with { Escapes = Escapes(content, scalar.Style == ScalarStyle.DoubleQuoted) };
        }

        return span;
    }

    public SourceSpan Span(Mark start, Mark end)
    {
        var startIndex = ClampIndex(start.Index);
        var endIndex = Math.Max(startIndex, ClampIndex(end.Index));
        var (startLine, startColumn) = LineColumn(startIndex);
        var (endLine, endColumn) = LineColumn(endIndex);
        return new SourceSpan(_path, startIndex, endIndex - startIndex, startLine, startColumn, endLine, endColumn);
    }

    public SourceSpan KeySpan(YamlMappingNode map, string key)
    {
        foreach (var entry in map.Children)
        {
            if (entry.Key is YamlScalarNode k && k.Value == key)
            {
                return SpanOf(k);
            }
        }

        return SpanOf(map);
    }

    public YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var entry in map.Children)
        {
            if (entry.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public string? GetString(YamlMappingNode map, string key, string owner, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingField, SpanOf(map), owner, $"the required field '{key}'");
            }

            return null;
        }

        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return scalar.Value ?? string.Empty;
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, SpanOf(node), key, "a string", Describe(node));
        return null;
    }

    public YamlMappingNode? GetMapping(YamlMappingNode map, string key, string owner, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingField, SpanOf(map), owner, $"the required field '{key}'");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, SpanOf(node), key, "an object", Describe(node));
        return null;
    }

    public IReadOnlyList<YamlNode> GetSequence(YamlMappingNode map, string key, string owner, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingField, SpanOf(map), owner, $"the required field '{key}'");
            }

            return Array.Empty<YamlNode>();
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, SpanOf(node), key, "a list", Describe(node));
        return Array.Empty<YamlNode>();
    }

    public double? GetNumber(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }

        // double.TryParse takes "Infinity" and "NaN", and turns 1e400 into infinity: none is a number C# can be
        // generated with, or a time a run can wait.
        if (node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && !double.IsNaN(value) && !double.IsInfinity(value))
        {
            return value;
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, SpanOf(node), key, "a finite number", Describe(node));
        return null;
    }

    /// <summary>
    /// Converts any YAML value into a <see cref="Model.PayloadNode"/>, refusing absurd depth or size.
    /// </summary>
    public Model.PayloadNode? ToPayload(YamlNode node, int depth = 0)
    {
        if (++_nodesVisited > MaxNodes)
        {
            if (_nodesVisited == MaxNodes + 1)
            {
                Diagnostics.Add(DiagnosticDescriptors.LimitExceeded, SpanOf(node), _path,
                    $"more than {MaxNodes.ToString(CultureInfo.InvariantCulture)} values in templates"
                    + " (are aliases expanding?)");
            }

            return null;
        }

        if (depth > MaxDepth)
        {
            Diagnostics.Add(DiagnosticDescriptors.LimitExceeded, SpanOf(node), _path,
                $"a value nested more than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels deep");
            return null;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return Model.PayloadNode.Scalar(
                    ScalarKind(scalar),
                    scalar.Value ?? string.Empty,
                    ContentSpanOf(scalar));
            case YamlSequenceNode sequence:
            {
                var items = new List<Model.PayloadNode>();
                foreach (var child in sequence.Children)
                {
                    var item = ToPayload(child, depth + 1);
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return new Model.PayloadNode(Model.PayloadKind.Array, string.Empty, SpanOf(sequence),
                    EquatableArray<Model.PayloadMember>.Empty, items.ToEquatableArray());
            }

            case YamlMappingNode mapping:
            {
                var members = new List<Model.PayloadMember>();
                foreach (var entry in mapping.Children)
                {
                    var value = ToPayload(entry.Value, depth + 1);
                    if (value is null)
                    {
                        return null;
                    }

                    var name = entry.Key is YamlScalarNode key ? key.Value ?? string.Empty : entry.Key.ToString();
                    members.Add(new Model.PayloadMember(name, value));
                }

                return new Model.PayloadNode(Model.PayloadKind.Object, string.Empty, SpanOf(mapping),
                    members.ToEquatableArray(), EquatableArray<Model.PayloadNode>.Empty);
            }

            default:
                return Model.PayloadNode.Scalar(Model.PayloadKind.Null, string.Empty, SpanOf(node));
        }
    }

    public static bool IsNull(YamlScalarNode scalar)
        => scalar.Style == ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>The YAML 1.2 core schema's reading of a scalar (JSON's, for JSON files).</summary>
    public static Model.PayloadKind ScalarKind(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return Model.PayloadKind.String;
        }

        var value = scalar.Value ?? string.Empty;
        if (IsNull(scalar))
        {
            return Model.PayloadKind.Null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return Model.PayloadKind.Boolean;
        }

        return IsNumber(value) ? Model.PayloadKind.Number : Model.PayloadKind.String;
    }

    public static bool IsNumber(string value)
    {
        if (value.Length == 0 || value.StartsWith("0x", StringComparison.Ordinal) || value.Contains("_"))
        {
            return false;
        }

        var first = value[0];
        if (!(char.IsDigit(first) || first == '-' || first == '+' || first == '.'))
        {
            return false;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "an object",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "null",
        YamlScalarNode s => ScalarKind(s) switch
        {
            Model.PayloadKind.Boolean => "a boolean",
            Model.PayloadKind.Number => "a number",
            _ => "a string",
        },
        _ => "an alias",
    };

    private int ClampIndex(long index) => (int)Math.Max(0, Math.Min(index, _text.Length));

    private (int Line, int Column) LineColumn(int index)
    {
        var line = Array.BinarySearch(_lineStarts, index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line, index - _lineStarts[line]);
    }

    private static int[] ComputeLineStarts(string text)
    {
        // The lines the compiler counts (SourceText's): CR, LF, CRLF, NEL, LS and PS each end one. Counting LF alone
        // put every diagnostic of a file with old Mac line ends on its first line.
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }

    /// <summary>
    /// Where the escapes of a one-line quoted scalar are (see <see cref="SourceSpan.Escapes"/>): in double quotes
    /// <c>\x</c>, <c>\xXX</c>, <c>\uXXXX</c> and <c>\UXXXXXXXX</c>; in single quotes <c>''</c>.
    /// </summary>
    private EquatableArray<int> Escapes(SourceSpan content, bool doubleQuoted)
    {
        var pairs = new List<int>();
        var decoded = 0;
        var end = Math.Min(_text.Length, content.Start + content.Length);
        for (var i = content.Start; i < end; decoded++)
        {
            var length = 1;
            var units = 1;
            if (doubleQuoted && _text[i] == '\\' && i + 1 < end)
            {
                var kind = _text[i + 1];
                length = kind switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 };
                units = kind == 'U' && length == 10 && i + 10 <= end
                        && int.TryParse(_text.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber,
                            System.Globalization.CultureInfo.InvariantCulture, out var codePoint) && codePoint > 0xFFFF
                    ? 2
                    : 1;
            }
            else if (!doubleQuoted && _text[i] == '\'' && i + 1 < end && _text[i + 1] == '\'')
            {
                length = 2;
            }

            if (length > units)
            {
                pairs.Add(decoded);
                pairs.Add(length - units);
            }

            decoded += units - 1;
            i += length;
        }

        return pairs.ToEquatableArray();
    }
}
