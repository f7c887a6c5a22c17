using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Reading;

/// <summary>
/// Reads one AdditionalFile and decides what it is by content, not by name: an Arazzo document has an
/// <c>arazzo</c> field, an OpenAPI document an <c>openapi</c> or <c>swagger</c> field. Anything else is not ours.
/// </summary>
internal static class DocumentReader
{
    /// <summary>
    /// Collections nested deeper than this are refused before they are loaded. Real documents stay far below it
    /// (OpenAPI schemas a few dozen levels); the readers recurse per level.
    /// </summary>
    public const int MaxNesting = 256;

    public static ParsedFile Read(string path, string? text, CancellationToken cancellationToken)
    {
        var normalizedPath = PathUtil.Normalize(path);
        var diagnostics = new DiagnosticBag();
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (text is null || extension is not (".yaml" or ".yml" or ".json"))
        {
            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }

        try
        {
            return ReadText(path, normalizedPath, text, diagnostics, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The generator must never throw: whatever escaped the readers becomes one diagnostic on this file.
            diagnostics.Add(DiagnosticDescriptors.InternalError, SourceSpan.FileStart(path), path,
                ex.GetType().Name + ": " + ex.Message);
            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }
    }

    private static ParsedFile ReadText(
        string path, string normalizedPath, string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var keys = KeyLines.Of(text);
        if (keys is { OpenApi: true, Arazzo: false, SeveralDocuments: false } && !IsArazzoFileName(path))
        {
            // A file that looks like one OpenAPI document goes to Microsoft.OpenApi alone, so the largest files of a
            // project are parsed once. Its YAML reader keeps its own stack and refuses what the long way below
            // guards against (deep nesting, repeated keys, alias bombs); whatever it refuses takes the long way,
            // which finds the same fault and reports it where it is.
            var index = OpenApiIndexer.Index(normalizedPath, text, FormatOf(path), out _);
            if (index is not null)
            {
                return new ParsedFile(normalizedPath, null, index, diagnostics.ToArray());
            }
        }

        var yaml = new YamlSupport(path, text, diagnostics);
        if (NestingScan.TooDeep(text, MaxNesting) is { } deep)
        {
            // YamlStream builds its nodes recursively: thousands of levels overflow the stack and end the compiler.
            if (keys.Arazzo || keys.OpenApi
                || PathUtil.FileName(path).IndexOf("arazzo", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                diagnostics.Add(DiagnosticDescriptors.LimitExceeded, yaml.Span(deep, deep), path,
                    $"collections nested more than {MaxNesting.ToString(CultureInfo.InvariantCulture)} levels deep");
            }

            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        YamlMappingNode? root;
        YamlStream stream;
        try
        {
            stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // Only report files that were meant to be ours; an unrelated broken YAML file is someone else's business.
            var span = ex is YamlException { Start.Index: > 0 } yamlError
                ? yaml.Span(yamlError.Start, yamlError.End)
                : LastGoodPosition(yaml, text);
            var message = ex is YamlException y ? CleanMessage(y) : "the document ends inside an unclosed structure";
            // The file name, not the folders above it, says whether a broken file was meant to be Arazzo.
            var namedArazzo = PathUtil.FileName(path).IndexOf("arazzo", StringComparison.OrdinalIgnoreCase) >= 0;
            if (keys.Arazzo || namedArazzo)
            {
                diagnostics.Add(DiagnosticDescriptors.SyntaxError, span, path, message);
            }
            else if (keys.OpenApi)
            {
                diagnostics.Add(DiagnosticDescriptors.OpenApiUnreadable, span, path, message);
            }

            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        var versionNode = root is null ? null : yaml.Get(root, "arazzo");
        if (versionNode is null)
        {
            // A file named like an Arazzo document that is not one was almost certainly meant to be one.
            if (IsArazzoFileName(path))
            {
                diagnostics.Add(DiagnosticDescriptors.MissingField, SourceSpan.FileStart(path),
                    "This file, named like an Arazzo document,", "the required field 'arazzo'");
            }
        }
        else if (stream.Documents.Count > 1)
        {
            diagnostics.Add(DiagnosticDescriptors.SyntaxError, yaml.SpanOf(stream.Documents[1].RootNode), path,
                "it holds more than one YAML document; an Arazzo file holds exactly one");
            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }

        if (root is null)
        {
            return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
        }

        if (versionNode is not null)
        {
            if (versionNode is not YamlScalarNode)
            {
                diagnostics.Add(DiagnosticDescriptors.WrongType, yaml.SpanOf(versionNode), "arazzo", "a version string",
                    YamlSupport.Describe(versionNode));
                return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
            }

            var document = ArazzoReader.Read(yaml, root);
            return new ParsedFile(normalizedPath, document, null, diagnostics.ToArray());
        }

        if (yaml.Get(root, "openapi") is not null || yaml.Get(root, "swagger") is not null)
        {
            return ReadOpenApi(path, normalizedPath, text, diagnostics);
        }

        return new ParsedFile(normalizedPath, null, null, diagnostics.ToArray());
    }

    private static ParsedFile ReadOpenApi(string path, string normalizedPath, string text, DiagnosticBag diagnostics)
    {
        var index = OpenApiIndexer.Index(normalizedPath, text, FormatOf(path), out var error);
        if (index is null)
        {
            diagnostics.Add(
                DiagnosticDescriptors.OpenApiUnreadable,
                PlaceIn(path, text, error),
                path,
                error ?? "unknown error");
        }

        return new ParsedFile(normalizedPath, null, index, diagnostics.ToArray());
    }

    /// <summary>
    /// Where the reader's message says it stopped: its YAML reader writes "at line 4, column 72" (from 1), its JSON
    /// reader "LineNumber: 3 | BytePositionInLine: 71" (from 0). The start of the file when it says nowhere.
    /// </summary>
    private static SourceSpan PlaceIn(string path, string text, string? message)
    {
        var match = message is null ? null : ReaderPosition.Match(message);
        if (match is not { Success: true })
        {
            return SourceSpan.FileStart(path);
        }

        var fromOne = match.Groups["line"].Success;
        var line = int.Parse(match.Groups[fromOne ? "line" : "jline"].Value, CultureInfo.InvariantCulture)
                   - (fromOne ? 1 : 0);
        var column = int.Parse(match.Groups[fromOne ? "column" : "jcolumn"].Value, CultureInfo.InvariantCulture)
                     - (fromOne ? 1 : 0);
        var start = 0;
        for (var at = 0; at < line; at++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return SourceSpan.FileStart(path);
            }

            start = next + 1;
        }

        var lineEnd = text.IndexOf('\n', start);
        column = Math.Max(0, Math.Min(column, (lineEnd < 0 ? text.Length : lineEnd) - start));
        return new SourceSpan(path, start + column, 0, line, column, line, column);
    }

    private static readonly Regex ReaderPosition = new(
        @"at line (?<line>\d{1,9}), column (?<column>\d{1,9})"
        + @"|LineNumber: (?<jline>\d{1,9}) \| BytePositionInLine: (?<jcolumn>\d{1,9})",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private static string FormatOf(string path)
        => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";

    private static bool IsArazzoFileName(string path)
    {
        var name = PathUtil.FileName(path).ToLowerInvariant();
        return name.EndsWith(".arazzo.yaml", StringComparison.Ordinal)
               || name.EndsWith(".arazzo.yml", StringComparison.Ordinal)
               || name.EndsWith(".arazzo.json", StringComparison.Ordinal);
    }

    /// <summary>
    /// YamlDotNet sometimes fails without a position (an unclosed flow collection at the end of the file, say):
    /// re-read the events and point at the last one that parsed.
    /// </summary>
    private static SourceSpan LastGoodPosition(YamlSupport yaml, string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var last = new SourceSpan(yaml.Path, 0, 0, 0, 0, 0, 0);
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is { } current)
                {
                    last = yaml.Span(current.Start, current.End);
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            if (ex is YamlException yamlError)
            {
                return yaml.Span(yamlError.Start, yamlError.End);
            }
        }

        return last;
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes its own (Line: x, Col: y, ...) position; the diagnostic carries the position already.
        var message = ex.InnerException?.Message ?? ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0
            ? message.Substring(close + 3)
            : message;
    }
}
