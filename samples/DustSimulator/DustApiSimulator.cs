using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DustSimulator;

/// <summary>How the simulator behaves. The defaults describe one workspace, space and app.</summary>
public sealed class DustSimulatorOptions
{
    public string ApiKey { get; set; } = "sk-simulated-dust-key";

    public string WorkspaceId { get; set; } = "w-simulated";

    public string SpaceId { get; set; } = "vlt_simulated";

    public string AppId { get; set; } = "app-simulated";

    public string SpecificationHash { get; set; } = "8c0a4e6d2f";

    /// <summary>How many polls answer <c>running</c> before a run finishes.</summary>
    public int PollsBeforeDone { get; set; } = 3;

    /// <summary>A run never finishes (for step-budget tests).</summary>
    public bool StayRunning { get; set; }

    /// <summary>When set, creating a run answers this status with an error body.</summary>
    public HttpStatusCode? CreateRunStatus { get; set; }
}

/// <summary>One request the simulator received, for tests to assert on.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Authorization,
    string? ContentType,
    string Body);

/// <summary>
/// A Dust-compatible server for "Create an app run" and "Get an app run", on 127.0.0.1 and a free port.
/// A run starts <c>running</c> with <c>"results": null</c>, as Dust answers, and succeeds after a few polls; it errors
/// when an input object says <c>"fail": true</c>. Without the bearer key it answers 401, for an unknown
/// workspace, space or app 404, for a malformed body 400.
/// </summary>
public sealed class DustApiSimulator : IAsyncDisposable
{
    private const string RunsPath = "/api/v1/w/{wId}/spaces/{spaceId}/apps/{aId}/runs";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SimulatedRun> _runs = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _nextRun;

    private DustApiSimulator(WebApplication app, DustSimulatorOptions options)
    {
        _app = app;
        Options = options;
    }

    public DustSimulatorOptions Options { get; }

    /// <summary>The address to send requests to, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<DustApiSimulator> StartAsync(
        DustSimulatorOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        DustApiSimulator? simulator = null;
        var (app, address) = await LoopbackServer.StartAsync(
            app =>
            {
                simulator = new DustApiSimulator(app, options ?? new DustSimulatorOptions());
                simulator.Map(app);
            },
            cancellationToken).ConfigureAwait(false);
        simulator!.BaseAddress = address;
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new System.IO.StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            context.Request.Body.Position = 0;
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.ContentType,
                body));
            await next(context).ConfigureAwait(false);
        });

        app.MapPost(RunsPath, CreateRun);
        app.MapGet(RunsPath + "/{runId}", GetRun);
    }

    private async Task<IResult> CreateRun(HttpContext context, string wId, string spaceId, string aId)
    {
        if (Check(context, wId, spaceId, aId) is { } refusal)
        {
            return refusal;
        }

        if (Options.CreateRunStatus is { } forced)
        {
            return Error((int)forced, "internal_server_error", "The simulator was told to refuse this run.");
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(400, "invalid_request_error", "The request body is not valid JSON.");
        }

        if (body is not JsonObject request
            || request["specification_hash"]?.GetValueKind() != JsonValueKind.String
            || request["config"] is not JsonObject
            || request["inputs"] is not JsonArray inputs)
        {
            return Error(400, "invalid_request_error",
                "Invalid request body, `specification_hash` (string), `config` (object), "
                + "and `inputs` (array) are required.");
        }

        var id = "run-"
            + Interlocked.Increment(ref _nextRun).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fails = inputs.OfType<JsonObject>().Any(i => i["fail"]?.GetValueKind() == JsonValueKind.True);
        var run = new SimulatedRun(
            id,
            wId,
            spaceId,
            aId,
            request["specification_hash"]!.GetValue<string>(),
            inputs.DeepClone().AsArray(),
            fails);
        _runs[id] = run;
        return Json(new JsonObject { ["run"] = run.ToJson() });
    }

    private IResult GetRun(HttpContext context, string wId, string spaceId, string aId, string runId)
    {
        if (Check(context, wId, spaceId, aId) is { } refusal)
        {
            return refusal;
        }

        if (!_runs.TryGetValue(runId, out var run) || run.AppId != aId)
        {
            return Error(404, "run_not_found", "The run you're trying to retrieve was not found.");
        }

        var polls = Interlocked.Increment(ref run.Polls);
        if (!Options.StayRunning && polls > Options.PollsBeforeDone)
        {
            run.Status = run.Fails ? "errored" : "succeeded";
        }

        return Json(new JsonObject { ["run"] = run.ToJson() });
    }

    private IResult? Check(HttpContext context, string wId, string spaceId, string aId)
    {
        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        if (authorization != "Bearer " + Options.ApiKey)
        {
            return Error(401, "not_authenticated", "The request does not have valid authentication credentials.");
        }

        if (wId != Options.WorkspaceId || spaceId != Options.SpaceId || aId != Options.AppId)
        {
            return Error(404, "app_not_found", "The app you're trying to run was not found.");
        }

        return null;
    }

    private static IResult Error(int status, string type, string message)
        => Json(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }, status);

    /// <summary>
    /// A JSON answer written from the node itself: no serializer that needs reflection, so the sample publishes
    /// with native AOT.
    /// </summary>
    private static IResult Json(JsonNode body, int status = 200)
        => Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    private sealed class SimulatedRun
    {
        public int Polls;

        public SimulatedRun(
            string id,
            string workspaceId,
            string spaceId,
            string appId,
            string hash,
            JsonArray inputs,
            bool fails)
        {
            Id = id;
            AppId = appId;
            Hash = hash;
            Inputs = inputs;
            Fails = fails;
        }

        public string Id { get; }

        public string AppId { get; }

        public string Hash { get; }

        public JsonArray Inputs { get; }

        public bool Fails { get; }

        public string Status { get; set; } = "running";

        public JsonObject ToJson()
        {
            JsonNode? results = null;
            if (Status == "succeeded")
            {
                results = new JsonArray(new JsonArray(Inputs.Select(i => (JsonNode)new JsonObject
                {
                    ["value"] = new JsonObject { ["echo"] = i?.DeepClone() },
                }).ToArray()));
            }
            else if (Status == "errored")
            {
                results = new JsonArray(new JsonArray(new JsonObject
                {
                    ["value"] = null,
                    ["error"] = "Block `MODEL` failed: the input asked the run to fail.",
                }));
            }

            return new JsonObject
            {
                ["run_id"] = Id,
                ["app_id"] = AppId,
                ["status"] = new JsonObject { ["run"] = Status, ["build"] = "succeeded" },
                ["results"] = results,
                ["specification_hash"] = Hash,
                ["traces"] = new JsonArray(),
            };
        }
    }
}
