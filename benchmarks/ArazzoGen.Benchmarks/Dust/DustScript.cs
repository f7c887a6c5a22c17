using System;
using System.Text;
using System.Text.Json;

namespace ArazzoGen.Benchmarks.Dust;

/// <summary>
/// The answers of the two Dust operations the workflow calls, for one run at a time: creating a run answers
/// <c>running</c>, and polling answers <c>running</c> until <see cref="PollsBeforeDone"/> polls have been made, then
/// <c>succeeded</c> with results. The bodies are serialized once, so serving costs both clients the same.
/// </summary>
public sealed class DustScript
{
    public const string ApiKey = "sk-benchmark-key";
    public const string WorkspaceId = "w-bench";
    public const string SpaceId = "vlt_bench";
    public const string AppId = "app-bench";
    public const string SpecificationHash = "8c0a4e6d2f";
    public const string RunId = "run-1";

    public const string RunsPath = "/api/v1/w/" + WorkspaceId + "/spaces/" + SpaceId + "/apps/" + AppId + "/runs";

    private static readonly byte[] Running = Run("running", "null");
    private static readonly byte[] Succeeded = Run("succeeded", """[[{"value":{"echo":{"question":"Benchmark?"}}}]]""");
    private static readonly byte[] Unauthorized = Encoding.UTF8.GetBytes(
        """{"error":{"type":"not_authenticated","message":"The request has no valid key."}}""");
    private static readonly byte[] NotFound = Encoding.UTF8.GetBytes(
        """{"error":{"type":"not_found","message":"No such route."}}""");

    private int _polls;

    public DustScript(int pollsBeforeDone) => PollsBeforeDone = pollsBeforeDone;

    /// <summary>How many polls answer <c>running</c>; a run makes this many plus two requests.</summary>
    public int PollsBeforeDone { get; set; }

    /// <summary>The config and inputs both clients send, as JSON.</summary>
    public static JsonElement Config { get; } = JsonDocument.Parse(
        """{"MODEL":{"provider_id":"openai","model_id":"gpt-4o-mini"}}""").RootElement;

    public static JsonElement[] Inputs { get; } = new[]
    {
        JsonDocument.Parse("""{"question":"Benchmark?"}""").RootElement,
    };

    /// <summary>The status and JSON body for a request; a path outside the two operations is a 404.</summary>
    public (int Status, byte[] Body) Answer(string method, string path, string? authorization)
    {
        if (authorization != "Bearer " + ApiKey)
        {
            return (401, Unauthorized);
        }

        if (method == "POST" && path == RunsPath)
        {
            _polls = 0;
            return (200, Running);
        }

        if (method == "GET" && path == RunsPath + "/" + RunId)
        {
            return (200, ++_polls > PollsBeforeDone ? Succeeded : Running);
        }

        return (404, NotFound);
    }

    private static byte[] Run(string status, string results)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("run");
            writer.WriteString("run_id", RunId);
            writer.WriteString("app_id", AppId);
            writer.WriteStartObject("status");
            writer.WriteString("run", status);
            writer.WriteString("build", "succeeded");
            writer.WriteEndObject();
            writer.WritePropertyName("results");
            writer.WriteRawValue(results);
            writer.WriteString("specification_hash", SpecificationHash);
            writer.WriteStartArray("traces");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
