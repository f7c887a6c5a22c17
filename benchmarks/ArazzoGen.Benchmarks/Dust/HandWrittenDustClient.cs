using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace ArazzoGen.Benchmarks.Dust;

/// <summary>
/// The Dust run-and-poll workflow written by hand with <see cref="HttpClient"/> and System.Text.Json (its source
/// generator): create a non-blocking run, then poll it until its status leaves <c>running</c>. It checks what the
/// workflow checks (a 200 answer, the status) and returns what the workflow returns.
/// </summary>
public sealed class HandWrittenDustClient
{
    private readonly HttpClient _http;
    private readonly TimeSpan _pollDelay;
    private readonly int _maxPolls;

    public HandWrittenDustClient(HttpClient http, TimeSpan pollDelay, int maxPolls = 1000)
    {
        _http = http;
        _pollDelay = pollDelay;
        _maxPolls = maxPolls;
    }

    public async Task<DustRunOutcome> RunAndPollAsync(DustRunRequest request, CancellationToken cancellationToken)
    {
        var runs = $"api/v1/w/{Uri.EscapeDataString(request.WorkspaceId)}/spaces/"
                   + $"{Uri.EscapeDataString(request.SpaceId)}/apps/{Uri.EscapeDataString(request.AppId)}/runs";
        var authorization = new AuthenticationHeaderValue("Bearer", request.ApiKey);

        var body = new CreateRunBody(request.SpecificationHash, request.Config, request.Inputs, false, false);
        using var create = new HttpRequestMessage(HttpMethod.Post, runs)
        {
            Content = JsonContent.Create(body, DustJson.Default.CreateRunBody),
        };
        create.Headers.Authorization = authorization;
        var created = await SendAsync(create, cancellationToken).ConfigureAwait(false);
        if (created.Run is null)
        {
            return DustRunOutcome.Failed(created.Error);
        }

        var runId = created.Run.RunId;
        var runUrl = runs + "/" + Uri.EscapeDataString(runId);
        for (var poll = 0; poll < _maxPolls; poll++)
        {
            if (poll > 0)
            {
                await Task.Delay(_pollDelay, cancellationToken).ConfigureAwait(false);
            }

            using var get = new HttpRequestMessage(HttpMethod.Get, runUrl);
            get.Headers.Authorization = authorization;
            var polled = await SendAsync(get, cancellationToken).ConfigureAwait(false);
            if (polled.Run is null)
            {
                return DustRunOutcome.Failed(polled.Error);
            }

            var status = polled.Run.Status.Run;
            if (status != "running")
            {
                return new DustRunOutcome(runId, status, polled.Run.Results, null);
            }
        }

        return DustRunOutcome.Failed($"the run was still running after {_maxPolls} polls");
    }

    private async Task<(RunResource? Run, string? Error)> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (null, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}");
        }

        var envelope = await response.Content.ReadFromJsonAsync(DustJson.Default.RunEnvelope, cancellationToken)
            .ConfigureAwait(false);
        return envelope?.Run is { } run ? (run, null) : (null, "the answer held no run");
    }
}

/// <summary>What the caller passes: the same values as the generated workflow's inputs.</summary>
public sealed record DustRunRequest(
    string ApiKey,
    string WorkspaceId,
    string SpaceId,
    string AppId,
    string SpecificationHash,
    JsonElement? Config,
    IReadOnlyList<JsonElement> Inputs);

/// <summary>The run's id, its final status and results, or why it failed.</summary>
public sealed record DustRunOutcome(string? RunId, string? RunStatus, JsonElement? Results, string? Error)
{
    public static DustRunOutcome Failed(string? error) => new(null, null, null, error ?? "unknown error");
}

public sealed record CreateRunBody(
    [property: JsonPropertyName("specification_hash")] string SpecificationHash,
    [property: JsonPropertyName("config")] JsonElement? Config,
    [property: JsonPropertyName("inputs")] IReadOnlyList<JsonElement> Inputs,
    [property: JsonPropertyName("blocking")] bool Blocking,
    [property: JsonPropertyName("stream")] bool Stream);

public sealed record RunEnvelope([property: JsonPropertyName("run")] RunResource? Run);

public sealed record RunResource(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("status")] RunStatus Status,
    [property: JsonPropertyName("results")] JsonElement? Results);

public sealed record RunStatus([property: JsonPropertyName("run")] string Run);

[JsonSerializable(typeof(CreateRunBody))]
[JsonSerializable(typeof(RunEnvelope))]
internal sealed partial class DustJson : JsonSerializerContext
{
}
