using System;
using System.Collections.Generic;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.OpenApi;

/// <summary>
/// Finds where each operation is written in its OpenAPI document, so a diagnostic about a step can also point at the
/// operation it names. The OpenAPI reader keeps no positions, so the text is read once, line by line: a key that starts
/// with <c>/</c> is a path, and a method key below it is that path's operation. Best effort: a document written on one
/// line (minified JSON) gives no locations.
/// </summary>
internal sealed class OperationLocator
{
    private static readonly string[] Methods =
    {
        "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
    };

    private readonly Dictionary<(string Path, string Method), SourceSpan> _operations = new();

    public OperationLocator(string path, string text) => Read(path, text);

    public SourceSpan? Find(string pathTemplate, string method)
        => _operations.TryGetValue((pathTemplate, method.ToUpperInvariant()), out var span) ? span : null;

    private void Read(string path, string text)
    {
        string? currentPath = null;
        var line = 0;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var (keyStart, keyEnd) = KeyOf(text, start, end);
            if (keyEnd > keyStart)
            {
                var key = text.Substring(keyStart, keyEnd - keyStart);
                if (key[0] == '/')
                {
                    currentPath = key;
                }
                else if (currentPath is not null && !_operations.ContainsKey((currentPath, key.ToUpperInvariant())))
                {
                    var column = keyStart - start;
                    _operations[(currentPath, key.ToUpperInvariant())] = new SourceSpan(
                        path, keyStart, key.Length, line, column, line, column + key.Length);
                }
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// The key a line starts with, if it is a path (<c>/…</c>) or a method: indentation, an optional quote, the key,
    /// an optional quote, blanks and a colon. A path key holds no quote and runs to the last colon that fits.
    /// </summary>
    private static (int Start, int End) KeyOf(string text, int start, int end)
    {
        var i = start;
        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i < end && text[i] is '"' or '\'')
        {
            i++;
        }

        if (i < end && text[i] == '/')
        {
            var limit = i + 1;
            while (limit < end && text[limit] is not ('"' or '\'' or '\r'))
            {
                limit++;
            }

            if (ColonAfter(text, limit, end))
            {
                return (i, limit);
            }

            // Otherwise the key runs to the last colon before the limit (blanks before it are part of the key).
            var colon = text.LastIndexOf(':', limit - 1, limit - i - 1);
            return colon > i ? (i, colon) : (0, 0);
        }

        foreach (var method in Methods)
        {
            if (end - i >= method.Length && string.CompareOrdinal(text, i, method, 0, method.Length) == 0
                && ColonAfter(text, i + method.Length, end))
            {
                return (i, i + method.Length);
            }
        }

        return (0, 0);
    }

    /// <summary>An optional quote, blanks, then a colon.</summary>
    private static bool ColonAfter(string text, int i, int end)
    {
        if (i < end && text[i] is '"' or '\'')
        {
            i++;
        }

        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < end && text[i] == ':';
    }
}
