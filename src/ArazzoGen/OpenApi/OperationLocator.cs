using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
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
    private static readonly Regex KeyLine = new(
        "^[ \\t]*[\"']?(?<key>/[^\"'\\r\\n]*|get|put|post|delete|options|head|patch|trace|query)[\"']?[ \\t]*:",
        RegexOptions.Multiline | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(5));

    private readonly Dictionary<(string Path, string Method), SourceSpan> _operations = new();

    public OperationLocator(string path, string text)
    {
        try
        {
            Read(path, text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Locations are a help, not a need: a document too odd to scan in time just has none.
            _operations.Clear();
        }
    }

    public SourceSpan? Find(string pathTemplate, string method)
        => _operations.TryGetValue((pathTemplate, method.ToUpperInvariant()), out var span) ? span : null;

    private void Read(string path, string text)
    {
        string? currentPath = null;
        var line = 0;
        var lineStart = 0;
        var scanned = 0;
        foreach (Match match in KeyLine.Matches(text))
        {
            // Count the lines up to this key (a single pass over the text overall).
            for (; scanned < match.Index; scanned++)
            {
                if (text[scanned] == '\n')
                {
                    line++;
                    lineStart = scanned + 1;
                }
            }

            var key = match.Groups["key"];
            if (key.Value.StartsWith("/", StringComparison.Ordinal))
            {
                currentPath = key.Value;
                continue;
            }

            var operation = (currentPath ?? string.Empty, key.Value.ToUpperInvariant());
            if (currentPath is not null && !_operations.ContainsKey(operation))
            {
                var column = key.Index - lineStart;
                _operations[operation] = new SourceSpan(path, key.Index, key.Length, line, column, line,
                    column + key.Length);
            }
        }
    }
}
