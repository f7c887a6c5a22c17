using System;
using System.Text.RegularExpressions;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.OpenApi;

/// <summary>
/// Finds where an operation is written in its OpenAPI document, so a diagnostic about a step can also point at the
/// operation it names. The OpenAPI reader keeps no positions; the path key and, after it, the method key are found in
/// the text (YAML or JSON). Best effort: when the text cannot be matched, the operation has no location.
/// </summary>
internal sealed class OperationLocator
{
    private readonly string _path;
    private readonly string _text;

    public OperationLocator(string path, string text)
    {
        _path = path;
        _text = text;
    }

    public SourceSpan? Find(string pathTemplate, string method)
    {
        try
        {
            var pathKey = Key(pathTemplate).Match(_text);
            if (!pathKey.Success)
            {
                return null;
            }

            var methodKey = Key(method.ToLowerInvariant()).Match(_text, pathKey.Index + pathKey.Length);
            var found = methodKey.Success ? methodKey : pathKey;
            var start = found.Index + (found.Length - found.Value.TrimStart().Length);
            return Span(start, found.Value.Trim().TrimEnd(':').Trim().Length);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>A mapping key at the start of a line (YAML) or anywhere as a quoted member name (JSON).</summary>
    private static Regex Key(string name)
    {
        var quoted = Regex.Escape(name);
        return new Regex(
            $"(^[ \\t]*(?:{quoted}|\"{quoted}\"|'{quoted}')[ \\t]*:)|(\"{quoted}\"[ \\t\\r\\n]*:)",
            RegexOptions.Multiline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    private SourceSpan Span(int start, int length)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < start; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = start - lineStart;
        return new SourceSpan(_path, start, length, line, column, line, column + length);
    }
}
