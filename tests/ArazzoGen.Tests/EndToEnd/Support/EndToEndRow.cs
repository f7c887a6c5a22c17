using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Tests.Conformance;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// One file in <c>EndToEnd/Workflows</c>: a corpus Arazzo document, the OpenAPI documents it names, what the
/// generator reports for it, and the workflows of it that run end to end.
/// </summary>
internal sealed record CorpusDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The file's name without extension.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>
    /// Corpus paths (below <c>TestData/corpus</c>) of the Arazzo documents: the first holds the workflows, the others
    /// are Arazzo sources it names.
    /// </summary>
    public List<string> Arazzo { get; init; } = new();

    /// <summary>Every OpenAPI source description name (of all the documents) and the corpus file it names.</summary>
    public Dictionary<string, string> Sources { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Warnings and errors the generator must report, as <c>ID file:line:column</c>: those of the document's other
    /// workflows, which are not generated, and of its style (ids with spaces). Nothing else may be reported.
    /// </summary>
    public List<string> Diagnostics { get; init; } = new();

    /// <summary>The workflows that run, one test row each.</summary>
    public List<EndToEndRow> Workflows { get; init; } = new();

    public static IEnumerable<EndToEndRow> Rows(string folder)
        => Directory.GetFiles(folder, "*.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(Load);

    private static IEnumerable<EndToEndRow> Load(string file)
    {
        var document = JsonSerializer.Deserialize<CorpusDocument>(File.ReadAllText(file), Json)
                       ?? throw new InvalidDataException(file + " is empty");
        document = document with { Name = Path.GetFileNameWithoutExtension(file) };
        return document.Workflows.Select(row => row with { Document = document });
    }
}

/// <summary>
/// One workflow run end to end: its inputs, the few answers that differ from the OpenAPI examples, and what must
/// happen.
/// </summary>
internal sealed record EndToEndRow
{
    /// <summary>The file the row is in.</summary>
    public CorpusDocument Document { get; init; } = new();

    /// <summary>The workflowId to run.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>What the workflow exercises, in a sentence.</summary>
    public string Why { get; init; } = string.Empty;

    /// <summary>The workflow's inputs, by their names in the document.</summary>
    public Dictionary<string, JsonElement> Inputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Answers that replace the examples', keyed by operationId or <c>METHOD /path/template</c>.</summary>
    public Dictionary<string, AnswerOverride> Overrides { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Loop delay, step budget and timeout; the base address is always the example server's.</summary>
    public CaseOptions Options { get; init; } = new();

    /// <summary>Every delay the run must wait, in seconds and in order; null to leave waits unchecked.</summary>
    public List<double>? Waits { get; init; }

    /// <summary>Every request the workflow must make, in order; a target starts with its source's prefix.</summary>
    public List<ExpectedRequest> Trace { get; init; } = new();

    /// <summary>How the run must end.</summary>
    public ExpectedOutcome Outcome { get; init; } = new();

    /// <summary>
    /// Parts of outputs too large to spell out whole, as <c>output#/JSON/pointer</c> and the value found there.
    /// </summary>
    public Dictionary<string, JsonElement> OutputParts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The row's name: the corpus path of the document and the workflowId.</summary>
    public string Key => Document.Arazzo[0] + " " + Workflow;

    /// <summary>For file names: the row file's name and the workflowId.</summary>
    public string Name => Document.Name + "." + Workflow.Replace(' ', '_');
}
