using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using DustSimulator;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// The seed workflow, generated into this test project by its own build, run over real HTTP against the Dust
/// simulator on 127.0.0.1. Loop delays run on fake time.
/// </summary>
public sealed class DustWorkflowTests : IAsyncLifetime
{
    private DustApiSimulator _dust = null!;
    private readonly HttpClient _http = new();
    private readonly AutoAdvancingTimeProvider _time = new();

    public async Task InitializeAsync()
        => _dust = await DustApiSimulator.StartAsync(new DustSimulatorOptions { PollsBeforeDone = 3 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _dust.DisposeAsync();
    }

    private RunAppAndPollWorkflow Workflow(Action<ArazzoWorkflowOptions>? configure = null)
    {
        var options = new ArazzoWorkflowOptions { TimeProvider = _time };
        options.BaseAddresses["appsApi"] = _dust.BaseAddress;
        configure?.Invoke(options);
        return new RunAppAndPollWorkflow(_http, options);
    }

    private RunAppAndPollInputs Inputs(string inputsJson = """[{"question":"What is Arazzo?"}]""") => new()
    {
        ApiToken = _dust.Options.ApiKey,
        WId = _dust.Options.WorkspaceId,
        SpaceId = _dust.Options.SpaceId,
        AId = _dust.Options.AppId,
        SpecificationHash = _dust.Options.SpecificationHash,
        Config = JsonDocument.Parse("""{"MODEL":{"provider_id":"openai","model_id":"gpt-4o-mini"}}""").RootElement,
        Inputs = JsonDocument.Parse(inputsJson).RootElement.EnumerateArray().ToArray(),
    };

    [Fact]
    public async Task Succeeds_after_several_polls_with_the_exact_requests()
    {
        var result = await Workflow().RunAsync(Inputs());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("succeeded", result.EndedBy);
        Assert.Equal(5, result.StepExecutions);
        Assert.Equal("run-1", result.Outputs!.RunId);
        Assert.Equal("succeeded", result.Outputs.RunStatus);
        Assert.Equal(
            """[[{"value":{"echo":{"question":"What is Arazzo?"}}}]]""",
            result.Outputs.Results!.Value.GetRawText());

        var runs = $"/api/v1/w/{_dust.Options.WorkspaceId}/spaces/{_dust.Options.SpaceId}"
            + $"/apps/{_dust.Options.AppId}/runs";
        var requests = _dust.Requests;
        Assert.Equal(
            new[]
            {
                "POST " + runs,
                "GET " + runs + "/run-1",
                "GET " + runs + "/run-1",
                "GET " + runs + "/run-1",
                "GET " + runs + "/run-1",
            },
            requests.Select(r => r.Method + " " + r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer " + _dust.Options.ApiKey, r.Authorization));
        Assert.Equal("application/json", requests[0].ContentType);
        Assert.Equal(
            """{"specification_hash":"8c0a4e6d2f","config":"""
            + """{"MODEL":{"provider_id":"openai","model_id":"gpt-4o-mini"}},"inputs":"""
            + """[{"question":"What is Arazzo?"}],"blocking":false,"stream":false}""",
            requests[0].Body);
        Assert.All(requests.Skip(1), r => Assert.Equal(string.Empty, r.Body));

        // Three goto-back-to-pollRun transitions, each after the default one-second loop delay, on fake time.
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }, _time.Waits);
        Assert.Equal(TimeSpan.FromSeconds(3), result.Elapsed);
    }

    [Fact]
    public async Task A_run_that_errors_ends_through_the_errored_action()
    {
        var result = await Workflow().RunAsync(Inputs("""[{"question":"x","fail":true}]"""));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("errored", result.EndedBy);
        Assert.Equal("errored", result.Outputs!.RunStatus);
        Assert.Contains("failed", result.Outputs.Results!.Value.GetRawText());
        Assert.Equal(5, _dust.Requests.Count);
    }

    [Fact]
    public async Task A_refused_create_fails_naming_the_step_status_and_criterion()
    {
        var inputs = Inputs() with { ApiToken = "sk-wrong" };
        var result = await Workflow().RunAsync(inputs);

        Assert.False(result.Succeeded);
        var failure = result.Failure!;
        Assert.Equal(WorkflowFailureKind.CriterionNotMet, failure.Kind);
        Assert.Equal("createRun", failure.StepId);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal("$statusCode == 200", failure.Criterion);
        Assert.Null(result.Outputs);
        Assert.Single(_dust.Requests);
        Assert.DoesNotContain("sk-wrong", result.ToString());
    }

    [Fact]
    public async Task An_unknown_app_fails_with_404()
    {
        var result = await Workflow().RunAsync(Inputs() with { AId = "app-missing" });

        Assert.Equal(404, result.Failure!.StatusCode);
        Assert.Equal("createRun", result.Failure.StepId);
    }

    [Fact]
    public async Task A_server_error_on_create_fails_with_its_status()
    {
        _dust.Options.CreateRunStatus = System.Net.HttpStatusCode.InternalServerError;
        var result = await Workflow().RunAsync(Inputs());

        Assert.Equal(500, result.Failure!.StatusCode);
        Assert.Equal(WorkflowFailureKind.CriterionNotMet, result.Failure.Kind);
    }

    [Fact]
    public async Task Cancelling_during_a_loop_delay_stops_the_run_at_once()
    {
        using var cancellation = new CancellationTokenSource();
        _time.OnWait = _ => cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Workflow().RunAsync(Inputs(), cancellation.Token));

        // The create and the first poll were sent; the wait before the second poll was cancelled.
        Assert.Equal(2, _dust.Requests.Count);
        Assert.Single(_time.Waits);
    }

    [Fact]
    public async Task A_cancelled_token_sends_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Workflow().RunAsync(Inputs(), cancellation.Token));
        Assert.Empty(_dust.Requests);
    }

    [Fact]
    public async Task A_run_that_stays_running_fails_on_the_step_budget()
    {
        _dust.Options.StayRunning = true;
        var result = await Workflow(o => o.StepBudget = 6).RunAsync(Inputs());

        Assert.False(result.Succeeded);
        Assert.Equal(WorkflowFailureKind.StepBudgetExhausted, result.Failure!.Kind);
        Assert.Equal("pollRun", result.Failure.StepId);
        Assert.Contains("step budget of 6", result.Failure.Message);
        Assert.Equal(6, _dust.Requests.Count);
        Assert.Equal(6, result.StepExecutions);
    }

    [Fact]
    public async Task A_run_that_stays_running_fails_on_the_overall_timeout()
    {
        _dust.Options.StayRunning = true;
        // Loop delays (1 s) advance by themselves; the 10 s run timeout fires when the clock passes it.
        var time = new AutoAdvancingTimeProvider { AdvanceBelow = TimeSpan.FromSeconds(5) };
        var options = new ArazzoWorkflowOptions { TimeProvider = time, Timeout = TimeSpan.FromSeconds(10) };
        options.BaseAddresses["appsApi"] = _dust.BaseAddress;

        var result = await new RunAppAndPollWorkflow(_http, options).RunAsync(Inputs());

        Assert.Equal(WorkflowFailureKind.Timeout, result.Failure!.Kind);
        Assert.InRange(_dust.Requests.Count, 10, 12);
    }

    [Fact]
    public async Task Retry_after_from_the_server_overrides_the_loop_delay()
    {
        using var server = await ScriptedServer.StartAsync(
            (200, """{"run":{"run_id":"r1","status":{"run":"running"},"results":null}}""", null),
            (200, """{"run":{"run_id":"r1","status":{"run":"running"},"results":null}}""", "7"),
            (200, """{"run":{"run_id":"r1","status":{"run":"succeeded"},"results":[]}}""", null));
        var options = new ArazzoWorkflowOptions { TimeProvider = _time };
        options.BaseAddresses["appsApi"] = server.BaseAddress;

        var result = await new RunAppAndPollWorkflow(_http, options).RunAsync(Inputs());

        Assert.Equal("succeeded", result.EndedBy);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, _time.Waits);
    }

    [Fact]
    public async Task A_malformed_json_poll_fails_as_an_invalid_response()
    {
        using var server = await ScriptedServer.StartAsync(
            (200, """{"run":{"run_id":"r1","status":{"run":"running"}}}""", null),
            (200, """{"run": {"status": """, null));
        var options = new ArazzoWorkflowOptions { TimeProvider = _time };
        options.BaseAddresses["appsApi"] = server.BaseAddress;

        var result = await new RunAppAndPollWorkflow(_http, options).RunAsync(Inputs());

        Assert.Equal(WorkflowFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Equal("pollRun", result.Failure.StepId);
        Assert.Contains("not valid JSON", result.Failure.Message);
    }

    [Fact]
    public async Task A_refused_connection_fails_as_a_transport_error()
    {
        var options = new ArazzoWorkflowOptions { TimeProvider = _time };
        options.BaseAddresses["appsApi"] = new Uri("http://127.0.0.1:1/");

        var result = await new RunAppAndPollWorkflow(_http, options).RunAsync(Inputs());

        Assert.Equal(WorkflowFailureKind.Transport, result.Failure!.Kind);
        Assert.Equal("createRun", result.Failure.StepId);
    }

    [Fact]
    public async Task Path_values_stay_inside_their_segment()
    {
        await Workflow().RunAsync(Inputs() with { WId = "../../admin?x=1#y" });

        var request = Assert.Single(_dust.Requests);
        Assert.StartsWith("/api/v1/w/..%2F..%2Fadmin%3Fx%3D1%23y/spaces/", request.Path);
    }

    [Fact]
    public async Task A_header_value_with_a_line_break_is_refused_before_sending()
    {
        var result = await Workflow().RunAsync(Inputs() with { ApiToken = "key\r\nX-Injected: yes" });

        Assert.Equal(WorkflowFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Empty(_dust.Requests);
        Assert.DoesNotContain("X-Injected", result.Failure.Message);
    }
}
