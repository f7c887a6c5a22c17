using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// One conformance case: a folder with an Arazzo document, its OpenAPI documents and <c>case.json</c>, which says
/// what to run, what the local server answers and what must happen. The xunit suite and the Respect comparison
/// (tools/ConformanceServer) both read cases through this class.
/// </summary>
public sealed record ConformanceCase
{
    /// <summary>Replaced in every document of the case by the scripted server's address (no trailing slash).</summary>
    public const string ServerPlaceholder = "{{SERVER}}";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The case's folder name, such as <c>01-simple-grammar</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The case's folder.</summary>
    public string Directory { get; init; } = string.Empty;

    /// <summary>The section of the semantics note the case covers, such as <c>Criteria: precedence</c>.</summary>
    public string Section { get; init; } = string.Empty;

    /// <summary>What the case shows, in a sentence, with the spec text it rests on.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The Arazzo document's file name in the folder.</summary>
    public string Arazzo { get; init; } = "case.arazzo.yaml";

    /// <summary>The workflowId to run.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>The workflow's inputs, by their names in the document.</summary>
    public Dictionary<string, JsonElement> Inputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Source description names whose base address is the scripted server.</summary>
    public List<string> Sources { get; init; } = new() { "api" };

    /// <summary>Run options.</summary>
    public CaseOptions Options { get; init; } = new();

    /// <summary>The n-th request gets the n-th response.</summary>
    public List<ScriptedResponse> Script { get; init; } = new();

    /// <summary>After the script ends: answer with its last response again (true) or with 599 (false).</summary>
    public bool RepeatLast { get; init; }

    /// <summary>The requests the workflow must make, all of them, in order.</summary>
    public List<ExpectedRequest> Trace { get; init; } = new();

    /// <summary>How the run must end.</summary>
    public ExpectedOutcome Outcome { get; init; } = new();

    /// <summary>Every delay the run must wait, in seconds and in order; null to leave waits unchecked.</summary>
    public List<double>? Waits { get; init; }

    /// <summary>Ids of informational diagnostics the generator must report for the case's documents.</summary>
    public List<string> Diagnostics { get; init; } = new();

    /// <summary>Reads <c>case.json</c> in <paramref name="directory"/>.</summary>
    public static ConformanceCase Load(string directory)
    {
        directory = Path.TrimEndingDirectorySeparator(directory);
        var text = File.ReadAllText(Path.Combine(directory, "case.json"));
        var loaded = JsonSerializer.Deserialize<ConformanceCase>(text, Json)
                     ?? throw new InvalidDataException("case.json in " + directory + " is empty");
        return loaded with { Name = Path.GetFileName(directory), Directory = directory };
    }

    /// <summary>Every case folder under <paramref name="root"/>, in name order.</summary>
    public static IEnumerable<string> Folders(string root)
        => System.IO.Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .OrderBy(d => d, StringComparer.Ordinal);

    /// <summary>The case's YAML and JSON documents other than case.json, with the server address filled in.</summary>
    public IEnumerable<(string FileName, string Text)> Documents(Uri server)
    {
        var address = server.AbsoluteUri.TrimEnd('/');
        return System.IO.Directory.GetFiles(Directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "case.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f).Replace(ServerPlaceholder, address)));
    }
}

/// <summary>How a case is run.</summary>
public sealed record CaseOptions
{
    /// <summary><c>ArazzoWorkflowOptions.LoopDelay</c> in seconds; null for the default.</summary>
    public double? LoopDelaySeconds { get; init; }

    /// <summary><c>ArazzoWorkflowOptions.StepBudget</c>; null for the default.</summary>
    public int? StepBudget { get; init; }

    /// <summary><c>ArazzoWorkflowOptions.Timeout</c> in seconds; null for none.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>
    /// Where the server's address is given: <c>options</c> (BaseAddresses, the default), <c>client</c>
    /// (HttpClient.BaseAddress) or <c>openapi</c> (nowhere: the OpenAPI document's server names it).
    /// </summary>
    public string BaseAddress { get; init; } = "options";

    /// <summary>A path appended to the server's address where the base address is given.</summary>
    public string BasePath { get; init; } = string.Empty;
}

/// <summary>One scripted response.</summary>
public sealed record ScriptedResponse
{
    public int Status { get; init; } = 200;

    /// <summary>Response headers, such as <c>Retry-After</c>.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON body; sent as <c>application/json</c> unless <see cref="ContentType"/> says otherwise.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>A body sent as text (XML, say), as it is.</summary>
    public string? BodyText { get; init; }

    public string? ContentType { get; init; }
}

/// <summary>One request the workflow must make.</summary>
public sealed record ExpectedRequest
{
    public string Method { get; init; } = "GET";

    /// <summary>The request target as sent: path and query, escaped.</summary>
    public string Target { get; init; } = "/";

    /// <summary>Headers that must be present with these values; a null value means the header must be absent.</summary>
    public Dictionary<string, string?> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body; null means the request has none.</summary>
    public ExpectedBody? Body { get; init; }
}

/// <summary>
/// A request body, compared by meaning: JSON as JSON, forms as ordered pairs, multipart by parts, XML as trees.
/// Exactly one of the content members is set.
/// </summary>
public sealed record ExpectedBody
{
    /// <summary>The media type of Content-Type, without parameters.</summary>
    public string? ContentType { get; init; }

    public JsonElement? Json { get; init; }

    public string? Text { get; init; }

    /// <summary>application/x-www-form-urlencoded pairs, decoded, in order.</summary>
    public List<List<string>>? Form { get; init; }

    public List<ExpectedPart>? Multipart { get; init; }

    public string? Xml { get; init; }
}

/// <summary>One part of a multipart/form-data body.</summary>
public sealed record ExpectedPart
{
    public string Name { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;

    public string? ContentType { get; init; }
}

/// <summary>How the run ends.</summary>
public sealed record ExpectedOutcome
{
    public bool Succeeded { get; init; }

    /// <summary>
    /// Succeeded: the end action that ended the run, or JSON null when it ran past its last step; left out, not
    /// checked (where the spec leaves the name open).
    /// </summary>
    public JsonElement? EndedBy { get; init; }

    /// <summary>Succeeded: workflow outputs that must have these values (others are not checked).</summary>
    public Dictionary<string, JsonElement> Outputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Failed: the <c>WorkflowFailureKind</c> name.</summary>
    public string? Kind { get; init; }

    /// <summary>Failed: the step that failed.</summary>
    public string? Step { get; init; }

    /// <summary>Failed: the HTTP status of the step's last response; null when it got none.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Failed: the criterion that did not hold, when the case names one.</summary>
    public string? Criterion { get; init; }
}
