using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using DustSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// Generated workflows in a host: the <c>services.Add…Workflow()</c> registration, the log lines, the spans and the
/// measurements of a run, over real HTTP on 127.0.0.1. The reports workflow sends secrets in a header, a cookie and a
/// query parameter on every request; none of them may appear in anything the telemetry records.
/// </summary>
public sealed class TelemetryTests
{
    private const string Token = "tok-SECRET-1f0a";
    private const string Session = "sess-SECRET-2b1c";
    private const string ApiKey = "key-SECRET-3c2d";
    private static readonly string[] Secrets = { Token, Session, ApiKey };

    private static readonly BuildReportInputs ReportInputs = new()
    {
        Token = Token,
        Session = Session,
        ApiKey = ApiKey,
    };

    // Busy once, then started; polled twice: running, then ready.
    private static readonly (int, string, string?)[] ReportScript =
    {
        (503, "{}", null),
        (201, """{"id":"r-7"}""", null),
        (200, """{"state":"running"}""", null),
        (200, """{"state":"ready"}""", null),
    };

    [Fact]
    public async Task A_host_resolves_the_registered_workflow_and_runs_it_through_the_clients_handlers()
    {
        await using var dust = await DustApiSimulator.StartAsync(new DustSimulatorOptions { PollsBeforeDone = 2 });
        var time = new AutoAdvancingTimeProvider();
        var seen = new List<string>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services
            .AddRunAppAndPollWorkflow(options =>
            {
                options.BaseAddresses["appsApi"] = dust.BaseAddress;
                options.TimeProvider = time;
            })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var host = builder.Build();

        var workflow = host.Services.GetRequiredService<RunAppAndPollWorkflow>();
        var result = await workflow.RunAsync(new RunAppAndPollInputs
        {
            ApiToken = dust.Options.ApiKey,
            WId = dust.Options.WorkspaceId,
            SpaceId = dust.Options.SpaceId,
            AId = dust.Options.AppId,
            SpecificationHash = dust.Options.SpecificationHash,
            Config = JsonDocument.Parse("""{"MODEL":{"provider_id":"openai"}}""").RootElement,
            Inputs = JsonDocument.Parse("""[{"question":"q"}]""").RootElement.EnumerateArray().ToArray(),
        });

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("succeeded", result.EndedBy);
        // The handler added on the returned builder saw every request of the run.
        Assert.Equal(result.StepExecutions, seen.Count);
        Assert.Equal("POST", seen[0]);
        Assert.All(seen.Skip(1), method => Assert.Equal("GET", method));
        // The configure action reached the workflow: its loop delays ran on the fake clock.
        Assert.Equal(result.StepExecutions - 2, time.Waits.Count);
    }

    [Fact]
    public async Task The_registered_client_leaves_a_redirect_to_another_origin_to_the_run()
    {
        using var elsewhere = await ScriptedServer.StartAsync((201, """{"id":"r-1"}""", null));
        var (app, address) = await LoopbackServer.StartAsync(app => app.Run(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(elsewhere.BaseAddress, "reports").ToString();
            return Task.CompletedTask;
        }));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddBuildReportWorkflow(options => options.BaseAddresses["reports"] = address);
        using var host = builder.Build();

        WorkflowResult<BuildReportOutputs> result;
        try
        {
            result = await host.Services.GetRequiredService<BuildReportWorkflow>().RunAsync(ReportInputs);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        // The primary handler is the runtime's: it does not follow the redirect, so the secrets stay at home.
        Assert.Equal(WorkflowFailureKind.CriterionNotMet, result.Failure?.Kind);
        Assert.Equal(307, result.Failure!.StatusCode);
        Assert.Equal(0, elsewhere.RequestCount);
    }

    [Fact]
    public async Task The_log_tells_the_run_in_the_domains_words_at_its_levels_and_holds_no_secret()
    {
        using var server = await ScriptedServer.StartAsync(ReportScript);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddBuildReportWorkflow(options =>
        {
            options.BaseAddresses["reports"] = server.BaseAddress;
            options.LoopDelay = TimeSpan.Zero;
        });
        using var host = builder.Build();

        var result = await host.Services.GetRequiredService<BuildReportWorkflow>().RunAsync(ReportInputs);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(4, server.RequestCount);
        Assert.Contains(server.Requests, r => r.Target.Contains(ApiKey, StringComparison.Ordinal));
        var ours = logs.Logs.Where(l => l.Category == typeof(BuildReportWorkflow).FullName).ToList();
        Assert.Equal(
            new[]
            {
                "1 Information workflow build-report: started",
                "10 Information step startReport: POST /reports -> 503 in # ms",
                "13 Information step startReport: 503, action busy -> retry startReport (execution 2, waiting 0s)",
                "10 Information step startReport: POST /reports -> 201 in # ms",
                "14 Debug step startReport: 201, criteria passed -> next step pollReport",
                "10 Information step pollReport: GET /reports/{reportId} -> 200 in # ms",
                "11 Information step pollReport: 200, action notYet -> goto pollReport (execution 4)",
                "10 Information step pollReport: GET /reports/{reportId} -> 200 in # ms",
                "2 Information workflow build-report: succeeded (ended by ready) after 4 step executions",
            },
            ours.Select(l => $"{l.EventId.Id} {l.Level} {Milliseconds().Replace(l.Message, "#")}"));
        Assert.All(ours, l => Assert.False(string.IsNullOrEmpty(l.EventId.Name)));

        // Nothing any category logged (the client factory's lines included) holds a secret.
        AssertNoSecret(logs.Logs.Select(l => l.Everything));
    }

    [Fact]
    public async Task A_failed_run_is_logged_as_a_warning_without_secrets()
    {
        using var server = await ScriptedServer.StartAsync((401, """{"error":"bad token"}""", null));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var http = new HttpClient();

        var result = await ReportWorkflow(http, server, factory.CreateLogger("reports")).RunAsync(ReportInputs);

        Assert.False(result.Succeeded);
        var warning = Assert.Single(logs.Logs, l => l.Level >= LogLevel.Warning);
        Assert.Equal(4, warning.EventId.Id);
        Assert.Equal(
            "workflow build-report: step startReport failed (CriterionNotMet, HTTP 401): "
            + "success criterion '$statusCode == 201' did not hold",
            warning.Message);
        AssertNoSecret(logs.Logs.Select(l => l.Everything));
    }

    [Fact]
    public async Task Spans_show_the_run_and_each_step_execution_with_the_action_taken_and_no_secret()
    {
        using var server = await ScriptedServer.StartAsync(ReportScript);
        using var http = new HttpClient();
        var (result, spans, root) = await Traced(() => ReportWorkflow(http, server).RunAsync(ReportInputs));

        Assert.True(result.Succeeded, result.ToString());
        var run = Assert.Single(spans, s => s.Source.Name == ArazzoTelemetry.ActivitySourceName
                                            && s.DisplayName == "arazzo.workflow build-report");
        Assert.Equal(root.SpanId, run.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, run.Kind);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        Assert.Equal("build-report", run.GetTagItem("arazzo.workflow.id"));
        Assert.Equal("success", run.GetTagItem("arazzo.workflow.outcome"));
        Assert.Equal("end", run.GetTagItem("arazzo.action.type"));
        Assert.Equal("ready", run.GetTagItem("arazzo.action.name"));
        Assert.Equal(4, run.GetTagItem("arazzo.workflow.step_executions"));

        var steps = spans.Where(s => s.DisplayName.StartsWith("arazzo.step ", StringComparison.Ordinal))
            .OrderBy(s => (int)s.GetTagItem("arazzo.step.execution")!)
            .ToList();
        Assert.Equal(
            new[]
            {
                "arazzo.step startReport #1 try 1: 503 retry busy",
                "arazzo.step startReport #2 try 2: 201 next -",
                "arazzo.step pollReport #3 try 1: 200 goto notYet",
                "arazzo.step pollReport #4 try 2: 200 end ready",
            },
            steps.Select(s => $"{s.DisplayName} #{s.GetTagItem("arazzo.step.execution")}"
                              + $" try {s.GetTagItem("arazzo.step.attempt")}:"
                              + $" {s.GetTagItem("http.response.status_code")} {s.GetTagItem("arazzo.step.outcome")}"
                              + $" {s.GetTagItem("arazzo.action.name") ?? "-"}"));
        Assert.All(steps, s =>
        {
            Assert.Equal(run.SpanId, s.ParentSpanId);
            Assert.Equal(ActivityKind.Internal, s.Kind);
            Assert.Equal("build-report", s.GetTagItem("arazzo.workflow.id"));
            Assert.Equal("reports", s.GetTagItem("arazzo.source.name"));
        });
        Assert.Equal("retry", steps[0].GetTagItem("arazzo.action.type"));
        Assert.Equal("/reports/{reportId}", steps[3].GetTagItem("url.template"));

        // HttpClient's own span of each request nests under the step that sent it.
        var requests = spans.Where(s => s.Source.Name == "System.Net.Http").ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Contains(steps, s => s.SpanId == r.ParentSpanId));

        AssertNoSecret(spans.SelectMany(Describe));
    }

    [Fact]
    public async Task A_failed_run_marks_its_step_and_run_spans_as_errors_with_the_failure_kind()
    {
        using var server = await ScriptedServer.StartAsync((401, """{"error":"bad token"}""", null));
        using var http = new HttpClient();
        var (result, spans, _) = await Traced(() => ReportWorkflow(http, server).RunAsync(ReportInputs));

        Assert.False(result.Succeeded);
        var run = Assert.Single(spans, s => s.DisplayName == "arazzo.workflow build-report");
        var step = Assert.Single(spans, s => s.DisplayName == "arazzo.step startReport");
        foreach (var span in new[] { run, step })
        {
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal("CriterionNotMet", span.GetTagItem("error.type"));
            Assert.Equal("CriterionNotMet at step startReport", span.StatusDescription);
        }

        Assert.Equal("failure", step.GetTagItem("arazzo.step.outcome"));
        Assert.Equal(401, step.GetTagItem("http.response.status_code"));
        Assert.Equal("failure", run.GetTagItem("arazzo.workflow.outcome"));
        AssertNoSecret(spans.SelectMany(Describe));
    }

    [Fact]
    public async Task A_cancelled_run_closes_its_spans_as_cancelled()
    {
        using var server = await ScriptedServer.StartAsync(ReportScript);
        using var cancel = new CancellationTokenSource();
        // The run is cancelled while its first request is on its way.
        using var cancelling = new HttpClient(new RecordingHandler(new List<string>(), onSend: cancel.Cancel)
        {
            InnerHandler = new HttpClientHandler(),
        });

        var (thrown, spans, _) = await Traced(() => Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ReportWorkflow(cancelling, server).RunAsync(ReportInputs, cancel.Token)));

        Assert.NotNull(thrown);
        var run = Assert.Single(spans, s => s.DisplayName == "arazzo.workflow build-report");
        var step = Assert.Single(spans, s => s.DisplayName == "arazzo.step startReport");
        Assert.Equal("cancelled", run.GetTagItem("arazzo.workflow.outcome"));
        Assert.All(new[] { run, step }, s =>
        {
            Assert.Equal(ActivityStatusCode.Error, s.Status);
            Assert.Equal("cancelled", s.GetTagItem("error.type"));
        });
    }

    [Fact]
    public async Task A_workflow_run_by_a_step_nests_under_that_steps_span()
    {
        using var server = await ScriptedServer.StartAsync(
            (200, """[{"id":7}]""", null),
            (201, """{"orderId":"o-1"}""", null));
        using var http = new HttpClient();
        var options = new ArazzoWorkflowOptions();
        options.BaseAddresses["shop"] = server.BaseAddress;
        var (result, spans, _) = await Traced(() => new BuyPetWorkflow(http, options).RunAsync(new BuyPetInputs()));

        Assert.True(result.Succeeded, result.ToString());
        var order = Assert.Single(spans, s => s.DisplayName == "arazzo.step order");
        var callee = Assert.Single(spans, s => s.DisplayName == "arazzo.workflow place-order");
        var create = Assert.Single(spans, s => s.DisplayName == "arazzo.step create-order");
        Assert.Equal(order.SpanId, callee.ParentSpanId);
        Assert.Equal(callee.SpanId, create.ParentSpanId);
        Assert.Equal(201, order.GetTagItem("http.response.status_code"));
        Assert.Contains(spans, s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == create.SpanId);
    }

    [Fact]
    public async Task Metrics_record_each_step_execution_and_the_run_with_bounded_tags()
    {
        using var server = await ScriptedServer.StartAsync(ReportScript);
        using var http = new HttpClient();
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ArazzoTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(all.GetValueOrDefault("arazzo.workflow.id"), "build-report"))
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, value, all));
                }
            }
        }

        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();

        var result = await ReportWorkflow(http, server).RunAsync(ReportInputs);

        Assert.True(result.Succeeded, result.ToString());
        var durations = measurements.Where(m => m.Instrument == "arazzo.step.duration").ToList();
        Assert.Equal(
            new[] { "startReport retry", "startReport next", "pollReport goto", "pollReport end" },
            durations.Select(m => $"{m.Tags["arazzo.step.id"]} {m.Tags["arazzo.step.outcome"]}"));
        Assert.All(durations, m => Assert.True(m.Value >= 0));
        Assert.Equal(4, measurements.Where(m => m.Instrument == "arazzo.step.executions").Sum(m => m.Value));
        var run = Assert.Single(measurements, m => m.Instrument == "arazzo.workflow.duration");
        Assert.Equal("success", run.Tags["arazzo.workflow.outcome"]);
        Assert.Equal(result.Elapsed.TotalSeconds, run.Value, 3);

        // Ids and outcomes only: no tag could take a value from a request or a response.
        var keys = measurements.SelectMany(m => m.Tags.Keys).Distinct().Order().ToList();
        Assert.Equal(new[] { "arazzo.step.id", "arazzo.step.outcome", "arazzo.workflow.id", "arazzo.workflow.outcome" },
            keys);
    }

    private static BuildReportWorkflow ReportWorkflow(HttpClient http, ScriptedServer server, ILogger? logger = null)
    {
        var options = new ArazzoWorkflowOptions { LoopDelay = TimeSpan.Zero };
        options.BaseAddresses["reports"] = server.BaseAddress;
        return new BuildReportWorkflow(http, options, logger);
    }

    /// <summary>
    /// Runs <paramref name="run"/> under a root span of this test and returns the spans of that trace only: other
    /// tests run workflows at the same time, and the listener hears them all.
    /// </summary>
    private static async Task<(T Result, List<Activity> Spans, Activity Root)> Traced<T>(Func<Task<T>> run)
    {
        var exported = new List<Activity>();
        using var source = new ActivitySource("ArazzoGen.Tests.Telemetry");
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name, ArazzoTelemetry.ActivitySourceName, "System.Net.Http")
            .AddInMemoryExporter(exported)
            .Build()!;
        T result;
        Activity root;
        using (root = source.StartActivity("test")!)
        {
            result = await run();
        }

        tracing.ForceFlush();
        List<Activity> spans;
        lock (exported)
        {
            spans = exported.Where(a => a.TraceId == root.TraceId && a != root).ToList();
        }

        return (result, spans, root);
    }

    private static IEnumerable<string> Describe(Activity span)
        => new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? string.Empty }
            .Concat(span.TagObjects.Select(t => t.Key + "=" + t.Value))
            .Concat(span.Events.Select(e => e.Name));

    private static void AssertNoSecret(IEnumerable<string> texts)
    {
        var all = texts.ToList();
        Assert.NotEmpty(all);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(all, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static System.Text.RegularExpressions.Regex Milliseconds()
        => new(@"(?<=in )\d+(?= ms)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private sealed class RecordingHandler(List<string> seen, Action? onSend = null) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.Method.Method);
            }

            onSend?.Invoke();

            return base.SendAsync(request, cancellationToken);
        }
    }
}
