using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Tests.Conformance;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// One corpus workflow run end to end, read from a JSON file in <c>EndToEnd/Workflows</c>: the corpus documents,
/// the workflow, its inputs, the few answers that differ from the OpenAPI examples, and what must happen.
/// </summary>
internal sealed record CorpusRow
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The row file's name without extension.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What the workflow exercises, in a sentence.</summary>
    public string Why { get; init; } = string.Empty;

    /// <summary>
    /// Corpus paths (below <c>TestData/corpus</c>) of the Arazzo documents: the first holds the workflow, the others
    /// are Arazzo sources it names.
    /// </summary>
    public List<string> Arazzo { get; init; } = new();

    /// <summary>The workflowId to run.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>Every OpenAPI source description name (of all the documents) and the corpus file it names.</summary>
    public Dictionary<string, string> Sources { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Corpus files handed to the generator under another file name: the local copy that stands in for a remote
    /// url, found by the url's file name (as the upstream runner's own tests map that url to the copy).
    /// </summary>
    public Dictionary<string, string> StandIns { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The workflow's inputs, by their names in the document.</summary>
    public Dictionary<string, JsonElement> Inputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Answers that replace the examples', keyed by operationId or <c>METHOD /path/template</c>.</summary>
    public Dictionary<string, AnswerOverride> Overrides { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Warnings and errors the generator must report, as <c>ID file:line:column</c>: those of the document's other
    /// workflows, which are not generated, and of its style (ids with spaces). Nothing else may be reported.
    /// </summary>
    public List<string> Diagnostics { get; init; } = new();

    /// <summary>The requests the workflow must make, all of them, in order (targets include the source prefix).</summary>
    public List<ExpectedRequest> Trace { get; init; } = new();

    /// <summary>How the run must end.</summary>
    public ExpectedOutcome Outcome { get; init; } = new();

    /// <summary>The row's display key: the corpus path of the document and the workflowId.</summary>
    public string Key => Arazzo[0] + " " + Workflow;

    public static CorpusRow Load(string file)
    {
        var row = JsonSerializer.Deserialize<CorpusRow>(File.ReadAllText(file), Json)
                  ?? throw new InvalidDataException(file + " is empty");
        return row with { Name = Path.GetFileNameWithoutExtension(file) };
    }

    public static IEnumerable<CorpusRow> All(string folder)
        => Directory.GetFiles(folder, "*.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(Load);
}
