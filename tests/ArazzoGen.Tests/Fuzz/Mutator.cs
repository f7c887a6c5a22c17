using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Seeded, deterministic mutations of one file. Every choice comes from the <see cref="Random"/> it is given, so a
/// case seed reproduces the same bytes on every machine (the seeded <see cref="Random"/> algorithm is fixed).
/// </summary>
internal sealed class Mutator
{
    // A `key: value` line of block YAML or a `"key": value` member of JSON, value captured when it is a scalar.
    private static readonly Regex KeyLine = new(
        @"^(?<indent>[ \t-]*)(?<q>[""']?)(?<key>[A-Za-z_$][\w.$-]*)\k<q>\s*:"
        + @"(?<sep>[ \t]*)(?<value>.*?)(?<comma>,?)\r?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex OpenApiRoot = new(
        @"^\s*[""']?(openapi|swagger)[""']?\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly string[] Keys =
    {
        "arazzo", "info", "title", "version", "sourceDescriptions", "name", "url", "type", "workflows",
        "workflowId", "inputs", "properties", "required", "steps", "stepId", "operationId", "operationPath",
        "parameters", "in", "value", "requestBody", "contentType", "payload", "replacements", "target",
        "successCriteria", "condition", "context", "onSuccess", "onFailure", "retryAfter", "retryLimit", "outputs",
        "dependsOn", "components", "reference", "openapi", "paths", "responses", "schema", "servers", "$ref",
        "style", "explode", "x-ext", "<<", "description", "summary",
    };

    private static readonly string[] Expressions =
    {
        "$inputs.x", "$inputs", "$steps.a.outputs.b", "$steps..outputs", "$steps.a", "$response.body",
        "$response.body#/a/0/b", "$response.body#/~2", "$response.body#", "$response.header.Location",
        "$request.body#/x", "$request.header.X-Id", "$request.query.q", "$request.path.id", "$statusCode", "$url",
        "$method", "$", "$$", "$inputs.", "{$inputs.x}", "{$inputs.x", "$inputs.x}", "x{$statusCode}y{$url}",
        "$components.parameters.p", "$components.inputs.i", "$components.successActions.s",
        "$sourceDescriptions.s.op", "$sourceDescriptions.s.url", "$workflows.w.outputs.o", "$workflows.w.inputs.i",
        "$steps.a.outputs.b == 1", "$statusCode == 200 && $response.body#/ok", "$.a[?(@.b > 1)]", "$[*]",
        "$..*", "^[a-z]+$", "(", "[[", "'unclosed", "\"q\"", "$steps.\u00e9\u00e8.outputs.x", "{$}", "{{$url}}",
    };

    private static readonly string[] Retyped =
    {
        "[]", "{}", "null", "~", "42", "-1", "0", "1e309", "-.inf", ".nan", "true", "no", "\"\"", "''", "[a, b]",
        "{a: 1}", "[[[]]]", "{\"a\": {\"b\": []}}", "!!binary aGVsbG8=", "!!str 12", "!custom x", "&anchor 1", "*nope",
        "|\n  block", ">-\n  folded", "2001-12-14t21:59:43.10-05:00", "0x1F", "0o17", "1_000",
    };

    private static readonly string[] Strings =
    {
        "", " ", "\"", "\\", "\\\"", "*/", "/*", "//", "\"\"\"", "{", "}", "{0}", "class", "namespace", "@event",
        "1abc", "a b", "a-b", "a.b", "a/b", "#/paths/~1x/get", "\u0000", "\u0001", "\u007f", "\u200b", "\u202e",
        "\ud83d\ude00", "\ufeff", "é", "日本", "a\r\nb", "a\rb", "\t", "<![CDATA[", "<x>", "&amp;", "%00", "%",
        "{$inputs.x}", "\\u0000", "'", "`", "$", "global::System", "__arglist", "ArazzoGen", "Arazzo", "State",
        "RunAsync", "_", "__", "0", "-", "+", "..", "../../x.yaml", "/etc/passwd", "C:\\x", "http://127.0.0.1/x.yaml",
    };

    private readonly Random _random;

    public Mutator(Random random) => _random = random;

    /// <summary>What the last <see cref="Mutate"/> did, for a failure report.</summary>
    public List<string> Applied { get; } = new();

    public byte[] Mutate(byte[] input)
    {
        // A tenth of the cases replace the file with a hostile shape; the rest stack one to four edits.
        if (_random.Next(10) == 0)
        {
            return Replace(input);
        }

        var bytes = input;
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            bytes = Once(bytes);
        }

        return bytes;
    }

    private byte[] Once(byte[] bytes)
    {
        switch (_random.Next(22))
        {
            case 0: return Note("flip bytes", FlipBytes(bytes));
            case 1: return Note("insert bytes", InsertBytes(bytes));
            case 2: return Note("delete bytes", DeleteBytes(bytes));
            case 3: return Note("invalid UTF-8", InsertRaw(bytes, Pick(InvalidUtf8())));
            case 4: return Note("NUL bytes", InsertRaw(bytes, new byte[1 + _random.Next(3)]));
            case 5: return Note("BOM", InsertBom(bytes));
            case 6: return Text(bytes, MixLineEnds, "mixed line ends");
            case 7: return Text(bytes, ShuffleLines, "shuffle lines");
            case 8: return Text(bytes, DuplicateLines, "duplicate lines");
            case 9: return Text(bytes, DeleteLines, "delete lines");
            case 10: return Text(bytes, DeleteKey, "delete key");
            case 11: return Text(bytes, DuplicateKey, "duplicate key");
            case 12: return Text(bytes, l => SetValue(l, Pick(Retyped)), "retype value");
            case 13: return Text(bytes, SwapValues, "swap values");
            case 14: return Text(bytes, l => SetValue(l, Quote(Pick(Expressions))), "runtime expression");
            case 15: return Text(bytes, l => SetValue(l, Quote(RandomString())), "random string");
            case 16: return Text(bytes, RenameKey, "rename key");
            case 17: return Text(bytes, l => SetValue(l, DeepValue()), "deep value");
            case 18: return Text(bytes, l => SetValue(l, Quote(new string('x', 1 << (10 + _random.Next(11))))),
                "huge scalar");
            case 19: return Text(bytes, InsertAnchors, "anchors and aliases");
            case 20: return Text(bytes, Reindent, "reindent");
            default: return Text(bytes, l => SetValue(l, AliasBomb(inline: true)), "alias bomb value");
        }
    }

    private byte[] Replace(byte[] input)
    {
        switch (_random.Next(9))
        {
            case 0: return Note("empty file", Array.Empty<byte>());
            case 1: return Note("whitespace only", Encoding.UTF8.GetBytes(
                new string(' ', _random.Next(50)) + "\n\t\r\n" + new string(' ', _random.Next(5))));
            case 2: return Note("BOM only", new byte[] { 0xEF, 0xBB, 0xBF });
            case 3: return Note("NULs only", new byte[1 + _random.Next(100)]);
            case 4: return Note("deep document", Encoding.UTF8.GetBytes(Header() + "x: " + DeepValue() + "\n"));
            case 5: return Note("alias bomb document", Encoding.UTF8.GetBytes(Header() + AliasBomb(inline: false)));
            case 6: return Note("deep indentation", Encoding.UTF8.GetBytes(Header() + DeepIndentation()));
            case 7: return Note("huge document", Encoding.UTF8.GetBytes(
                Header() + "info:\n  title: " + new string('t', 4 << 20) + "\n  version: '1'\n"));
            default:
                // Random bytes with the Arazzo marker in front, so the reader treats it as ours.
                var noise = new byte[_random.Next(4096)];
                _random.NextBytes(noise);
                return Note("noise", Encoding.UTF8.GetBytes(Header()).Concat(noise).ToArray());
        }

        // The root field of the file it replaces, so the hostile shape is read as Arazzo or as OpenAPI (a JSON
        // document's marker line makes it YAML, which the reader takes as well).
        string Header() => OpenApiRoot.IsMatch(Decode(input)) ? "openapi: 3.0.3\n" : "arazzo: 1.0.1\n";
    }

    private string DeepValue()
    {
        var depth = 500 + _random.Next(20_000);
        switch (_random.Next(4))
        {
            case 0: return new string('[', depth) + new string(']', depth);
            case 1: return string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
            case 2: return new string('[', depth);
            default: return string.Concat(Enumerable.Repeat("[{", depth / 2)) + "x";
        }
    }

    private string DeepIndentation()
    {
        var depth = 500 + _random.Next(5_000);
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i).Append(_random.Next(2) == 0 ? "a:\n" : "- \n");
        }

        return text.ToString();
    }

    /// <summary>Billion laughs: nine levels of ten aliases each, 10^9 leaves if anything expands them.</summary>
    private string AliasBomb(bool inline)
    {
        var levels = 5 + _random.Next(5);
        var text = new StringBuilder();
        if (inline)
        {
            text.Append("&l0 [lol");
            for (var level = 1; level < levels; level++)
            {
                text.Append(", &l").Append(level).Append(" [");
                text.Append(string.Join(", ", Enumerable.Repeat("*l" + (level - 1), 10)));
                text.Append(']');
            }

            return text.Append(']').ToString();
        }

        text.Append("a0: &a0 [\"lol\", \"lol\"]\n");
        for (var level = 1; level < levels; level++)
        {
            text.Append('a').Append(level).Append(": &a").Append(level).Append(" [");
            text.Append(string.Join(", ", Enumerable.Repeat("*a" + (level - 1), 10))).Append("]\n");
        }

        return text.Append("info: *a").Append(levels - 1).Append('\n').ToString();
    }

    private List<string> InsertAnchors(List<string> lines)
    {
        var keyed = KeyedLines(lines);
        if (keyed.Count < 2)
        {
            return lines;
        }

        var from = Pick(keyed);
        var to = Pick(keyed);
        var anchor = "n" + _random.Next(1000).ToString(CultureInfo.InvariantCulture);
        var source = KeyLine.Match(lines[from]);
        var target = KeyLine.Match(lines[to]);
        switch (_random.Next(5))
        {
            case 0:
                lines[from] = source.Groups["indent"].Value + source.Groups["key"].Value + ": &" + anchor + " "
                              + source.Groups["value"].Value;
                lines[to] = target.Groups["indent"].Value + target.Groups["key"].Value + ": *" + anchor;
                break;
            case 1:
                lines.Insert(to + 1, new string(' ', target.Groups["indent"].Length) + "<<: *" + anchor);
                lines[from] = source.Groups["indent"].Value + source.Groups["key"].Value + ": &" + anchor + " "
                              + source.Groups["value"].Value;
                break;
            case 2:
                lines[to] = target.Groups["indent"].Value + target.Groups["key"].Value + ": &" + anchor + " [*"
                            + anchor + "]";
                break;
            case 3:
                lines[to] = target.Groups["indent"].Value + "? &" + anchor + " " + target.Groups["key"].Value;
                lines.Insert(to + 1, target.Groups["indent"].Value + ": " + target.Groups["value"].Value);
                break;
            default:
                var tags = new[] { "!!str", "!!int", "!!map", "!!seq", "!!binary", "!local", "!<tag:x,2000:y>" };
                lines[to] = target.Groups["indent"].Value + target.Groups["key"].Value + ": " + Pick(tags) + " "
                            + target.Groups["value"].Value;
                break;
        }

        return lines;
    }

    private List<string> SetValue(List<string> lines, string value)
    {
        var keyed = KeyedLines(lines);
        if (keyed.Count == 0)
        {
            return lines;
        }

        var at = Pick(keyed);
        var match = KeyLine.Match(lines[at]);
        var multiLine = value.Contains('\n', StringComparison.Ordinal);
        var indent = new string(' ', match.Groups["indent"].Length + 2);
        var text = multiLine ? value.Replace("\n", "\n" + indent, StringComparison.Ordinal) : value;
        lines[at] = match.Groups["indent"].Value + match.Groups["q"].Value + match.Groups["key"].Value
                    + match.Groups["q"].Value + ": " + text + match.Groups["comma"].Value;
        return lines;
    }

    private List<string> SwapValues(List<string> lines)
    {
        var keyed = KeyedLines(lines);
        if (keyed.Count < 2)
        {
            return lines;
        }

        var a = Pick(keyed);
        var b = Pick(keyed);
        var ma = KeyLine.Match(lines[a]);
        var mb = KeyLine.Match(lines[b]);
        lines[a] = lines[a].Substring(0, ma.Groups["value"].Index) + mb.Groups["value"].Value
                   + lines[a].Substring(ma.Groups["value"].Index + ma.Groups["value"].Length);
        lines[b] = lines[b].Substring(0, mb.Groups["value"].Index) + ma.Groups["value"].Value
                   + lines[b].Substring(mb.Groups["value"].Index + mb.Groups["value"].Length);
        return lines;
    }

    private List<string> RenameKey(List<string> lines)
    {
        var keyed = KeyedLines(lines);
        if (keyed.Count == 0)
        {
            return lines;
        }

        var at = Pick(keyed);
        var key = KeyLine.Match(lines[at]).Groups["key"];
        var name = _random.Next(3) == 0 ? RandomString() : Pick(Keys);
        lines[at] = lines[at].Substring(0, key.Index) + name + lines[at].Substring(key.Index + key.Length);
        return lines;
    }

    /// <summary>Deletes a key with the lines indented under it.</summary>
    private List<string> DeleteKey(List<string> lines)
    {
        var (start, end) = KeyBlock(lines);
        if (start >= 0)
        {
            lines.RemoveRange(start, end - start);
        }

        return lines;
    }

    private List<string> DuplicateKey(List<string> lines)
    {
        var (start, end) = KeyBlock(lines);
        if (start >= 0)
        {
            lines.InsertRange(end, lines.GetRange(start, end - start));
        }

        return lines;
    }

    private (int Start, int End) KeyBlock(List<string> lines)
    {
        var keyed = KeyedLines(lines);
        if (keyed.Count == 0)
        {
            return (-1, -1);
        }

        var start = Pick(keyed);
        var indent = Indent(lines[start]);
        var end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent))
        {
            end++;
        }

        return (start, end);
    }

    private List<string> ShuffleLines(List<string> lines)
    {
        if (lines.Count < 2)
        {
            return lines;
        }

        var start = _random.Next(lines.Count);
        var length = Math.Min(lines.Count - start, 2 + _random.Next(8));
        var window = lines.GetRange(start, length);
        for (var i = window.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (window[i], window[j]) = (window[j], window[i]);
        }

        lines.RemoveRange(start, length);
        lines.InsertRange(start, window);
        return lines;
    }

    private List<string> DuplicateLines(List<string> lines)
    {
        if (lines.Count == 0)
        {
            return lines;
        }

        var start = _random.Next(lines.Count);
        var length = Math.Min(lines.Count - start, 1 + _random.Next(6));
        var copies = 1 + (_random.Next(8) == 0 ? _random.Next(200) : 0);
        for (var i = 0; i < copies; i++)
        {
            lines.InsertRange(start + length, lines.GetRange(start, length));
        }

        return lines;
    }

    private List<string> DeleteLines(List<string> lines)
    {
        if (lines.Count == 0)
        {
            return lines;
        }

        var start = _random.Next(lines.Count);
        lines.RemoveRange(start, Math.Min(lines.Count - start, 1 + _random.Next(4)));
        return lines;
    }

    private List<string> Reindent(List<string> lines)
    {
        if (lines.Count == 0)
        {
            return lines;
        }

        var at = _random.Next(lines.Count);
        var delta = _random.Next(-4, 5);
        lines[at] = delta >= 0 ? new string(_random.Next(4) == 0 ? '\t' : ' ', delta) + lines[at]
            : lines[at].Substring(Math.Min(-delta, Indent(lines[at])));
        return lines;
    }

    private byte[] MixLineEnds(byte[] bytes)
    {
        var text = Decode(bytes);
        var output = new StringBuilder(text.Length + 64);
        foreach (var c in text)
        {
            if (c == '\n' && _random.Next(4) == 0)
            {
                output.Append(_random.Next(2) == 0 ? "\r\n" : "\r");
            }
            else
            {
                output.Append(c);
            }
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private byte[] Text(byte[] bytes, Func<byte[], byte[]> edit, string name) => Note(name, edit(bytes));

    private byte[] Text(byte[] bytes, Func<List<string>, List<string>> edit, string name)
    {
        var lines = Decode(bytes).Split('\n').ToList();
        return Note(name, Encoding.UTF8.GetBytes(string.Join("\n", edit(lines))));
    }

    private byte[] FlipBytes(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        for (var i = 1 + _random.Next(8); i > 0; i--)
        {
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] InsertBytes(byte[] bytes)
    {
        var insert = new byte[1 + _random.Next(16)];
        if (_random.Next(2) == 0)
        {
            _random.NextBytes(insert);
        }
        else
        {
            // Bytes that mean something to YAML are likelier to reach past the parser than random ones.
            const string Meaningful = "[]{}:,-?|>&*!%@`'\"#\n\t ";
            for (var i = 0; i < insert.Length; i++)
            {
                insert[i] = (byte)Meaningful[_random.Next(Meaningful.Length)];
            }
        }

        return InsertRaw(bytes, insert);
    }

    private byte[] DeleteBytes(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var start = _random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + _random.Next(_random.Next(2) == 0 ? 8 : 512));
        return bytes.Take(start).Concat(bytes.Skip(start + length)).ToArray();
    }

    private byte[] InsertBom(byte[] bytes)
    {
        var boms = new[]
        {
            new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xFF, 0xFE }, new byte[] { 0xFE, 0xFF },
            new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF },
        };
        var bom = Pick(boms);
        return _random.Next(2) == 0 ? bom.Concat(bytes).ToArray() : InsertRaw(bytes, bom);
    }

    private static byte[][] InvalidUtf8() => new[]
    {
        new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90 },
        new byte[] { 0xE2, 0x82 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0x80, 0x80, 0x80 },
    };

    private byte[] InsertRaw(byte[] bytes, byte[] insert)
    {
        var at = _random.Next(bytes.Length + 1);
        return bytes.Take(at).Concat(insert).Concat(bytes.Skip(at)).ToArray();
    }

    private string RandomString()
    {
        if (_random.Next(2) == 0)
        {
            return Pick(Strings);
        }

        var chars = new char[1 + _random.Next(24)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = _random.Next(4) switch
            {
                0 => (char)_random.Next(0x20, 0x7F),
                1 => (char)_random.Next(0, 0x20),
                2 => (char)_random.Next(0x80, 0xD7FF),
                _ => (char)('a' + _random.Next(26)),
            };
        }

        return new string(chars);
    }

    /// <summary>A YAML double-quoted scalar (escapes keep control characters in it), or the text as it is.</summary>
    private string Quote(string value)
    {
        if (_random.Next(3) == 0)
        {
            return value;
        }

        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u007f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private List<int> KeyedLines(List<string> lines)
    {
        var keyed = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length < 10_000 && KeyLine.IsMatch(lines[i]))
            {
                keyed.Add(i);
            }
        }

        return keyed;
    }

    private static int Indent(string line)
    {
        var n = 0;
        while (n < line.Length && (line[n] == ' ' || line[n] == '-'))
        {
            n++;
        }

        return n;
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

    private byte[] Note(string what, byte[] result)
    {
        Applied.Add(what);
        return result;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
