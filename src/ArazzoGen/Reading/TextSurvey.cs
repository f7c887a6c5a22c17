using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArazzoGen.Reading;

/// <summary>
/// What one pass over a file's parser events says before anything is loaded: where collections first nest too deep,
/// and whether the file is certainly an OpenAPI document. The event parser keeps its own stack, so the pass cannot
/// overflow; a syntax error ends it (loading then fails at that error too, never deeper than the pass went).
/// </summary>
/// <remarks>
/// An OpenAPI document is handed to Microsoft.OpenApi alone: loading it into YamlDotNet's node tree as well parsed
/// the largest files of a project twice. "Certainly" means the full load would have succeeded and found the same
/// thing: one document, a root mapping with an <c>openapi</c> or <c>swagger</c> key and no <c>arazzo</c> key, only
/// plain scalar keys and none repeated within a mapping (the loader refuses duplicates). Anything else is loaded as
/// before.
/// </remarks>
internal sealed class TextSurvey
{
    private TextSurvey(Mark? tooDeep, bool isOpenApi)
    {
        TooDeep = tooDeep;
        IsOpenApi = isOpenApi;
    }

    /// <summary>Where collections first nest deeper than the limit, or null.</summary>
    public Mark? TooDeep { get; }

    /// <summary>Certainly a well-formed OpenAPI (or Swagger) document.</summary>
    public bool IsOpenApi { get; }

    public static TextSurvey Of(string text, int maxNesting)
    {
        var parser = new Parser(new StringReader(text));
        var open = new List<Collection>();
        var documents = 0;
        var decided = new RootKeys();
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is DocumentStart)
                {
                    documents++;
                    continue;
                }

                if (current is MappingEnd or SequenceEnd)
                {
                    open.RemoveAt(open.Count - 1);
                    continue;
                }

                if (current is not (DocumentEnd or StreamStart or StreamEnd) && open.Count > 0)
                {
                    var parent = open[open.Count - 1];
                    if (parent.IsKey())
                    {
                        var key = (current as Scalar)?.Value;
                        if (!parent.AddKey(key))
                        {
                            decided.Unsure = true;
                        }
                        else if (open.Count == 1 && documents == 1)
                        {
                            decided.Note(key!);
                        }
                    }

                    parent.Items++;
                }

                if (current is MappingStart or SequenceStart)
                {
                    if (open.Count + 1 > maxNesting)
                    {
                        return new TextSurvey(current.Start, isOpenApi: false);
                    }

                    decided.RootIsMapping |= open.Count == 0 && documents == 1 && current is MappingStart;
                    open.Add(new Collection(current is MappingStart));
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return new TextSurvey(null, isOpenApi: false);
        }

        return new TextSurvey(null, documents == 1 && decided.IsOpenApi);
    }

    /// <summary>The keys of the first document's root mapping that decide what the file is.</summary>
    private sealed class RootKeys
    {
        private bool _openApi;
        private bool _arazzo;

        public bool RootIsMapping { get; set; }

        /// <summary>
        /// A key the survey cannot judge (not a plain scalar, or repeated): let the full load decide.
        /// </summary>
        public bool Unsure { get; set; }

        public bool IsOpenApi => RootIsMapping && _openApi && !_arazzo && !Unsure;

        public void Note(string key)
        {
            _openApi |= key is "openapi" or "swagger";
            _arazzo |= key is "arazzo";
            Unsure |= key is "<<";
        }
    }

    /// <summary>An open mapping or sequence; a mapping remembers its keys.</summary>
    private sealed class Collection
    {
        private readonly bool _mapping;
        private HashSet<string>? _keys;

        public Collection(bool mapping) => _mapping = mapping;

        public int Items { get; set; }

        public bool IsKey() => _mapping && Items % 2 == 0;

        /// <summary>False for a key that is not a plain scalar, or one this mapping has already.</summary>
        public bool AddKey(string? key)
        {
            _keys ??= new HashSet<string>(StringComparer.Ordinal);
            return key is not null && _keys.Add(key);
        }
    }
}
