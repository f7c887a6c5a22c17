using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// Every fault a workflow meets against a real server on 127.0.0.1 ends in a typed outcome, and each test counts the
/// requests that were sent. Waits run on fake time; a run that hangs fails its test after the watchdog.
/// </summary>
public sealed class FaultTests : ItemsTestBase
{
    // --- Server errors, with and without retry actions ---

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_without_a_retry_action_fails_on_the_first_request(int status)
    {
        await using var server = await FaultServer.Always(status, """{"error":"down"}""");

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.CriterionNotMet);
        Assert.Equal(("fetch", status, "$statusCode == 200", 1), (failure.StepId, failure.StatusCode, failure.Criterion,
            failure.Attempts));
        Assert.Single(server.Requests);
        Assert.Empty(Time.Waits);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_with_a_retry_action_is_retried_after_its_delay_until_it_succeeds(int status)
    {
        await using var server = await FaultServer.StartAsync((context, n) => n < 2
            ? FaultServer.Json(context, status, """{"error":"down"}""")
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));

        var result = await FetchWithRetry(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("ok", result.Outputs!.Status);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("GET /items/1", r.Line));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, Time.Waits);
        Assert.Equal(TimeSpan.FromSeconds(4), result.Elapsed);
    }

    [Fact]
    public async Task Retries_exhausted_without_a_fallback_fail_as_retries_exhausted_after_the_limit()
    {
        await using var server = await FaultServer.Always(503, """{"error":"down"}""");

        var result = await FetchWithRetry(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.RetriesExhausted);
        Assert.Equal(("fetch", 503, 3), (failure.StepId, failure.StatusCode, failure.Attempts));
        Assert.Contains("'serverError'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, result.StepExecutions);
    }

    [Fact]
    public async Task Retries_exhausted_with_a_fallback_action_take_the_fallback()
    {
        await using var server = await FaultServer.StartAsync((context, _) => context.Request.Path.StartsWithSegments(
                "/cache")
            ? FaultServer.Json(context, 200, """{"id":"1","status":"cached"}""")
            : FaultServer.Json(context, 500, """{"error":"down"}"""));

        var result = await new FetchWithFallbackWorkflow(Client, Options(server.BaseAddress))
            .RunAsync(new FetchWithFallbackInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("cached", result.Outputs!.Cached);
        Assert.Null(result.Outputs.Fresh);
        Assert.Equal(
            new[] { "GET /items/1", "GET /items/1", "GET /items/1", "GET /cache/1" },
            server.Requests.Select(r => r.Line));
    }

    // --- Throttling ---

    [Fact]
    public async Task Status_429_waits_the_seconds_retry_after_gives_instead_of_the_action_delay()
    {
        await using var server = await FaultServer.StartAsync((context, n) => n == 0
            ? FaultServer.Json(context, 429, "{}", retryAfter: "7")
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));

        var result = await FetchWithRetry(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, Time.Waits);
    }

    [Fact]
    public async Task Status_429_waits_until_the_http_date_retry_after_gives()
    {
        var until = Time.GetUtcNow().AddSeconds(12).ToString("R", CultureInfo.InvariantCulture);
        await using var server = await FaultServer.StartAsync((context, n) => n == 0
            ? FaultServer.Json(context, 429, "{}", retryAfter: until)
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));

        var result = await FetchWithRetry(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, Time.Waits);
    }

    [Fact]
    public async Task Status_429_that_never_ends_spends_the_throttling_retries_and_fails()
    {
        await using var server = await FaultServer.Always(429, "{}");

        var result = await FetchWithRetry(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.RetriesExhausted);
        Assert.Equal((429, 4), (failure.StatusCode, failure.Attempts));
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(5), 3), Time.Waits);
    }

    [Fact]
    public async Task A_retry_after_of_a_day_is_cut_to_max_retry_after()
    {
        var time = new AutoAdvancingTimeProvider { AdvanceBelow = TimeSpan.FromMinutes(10) };
        await using var server = await FaultServer.StartAsync((context, n) => n == 0
            ? FaultServer.Json(context, 429, "{}", retryAfter: "86400")
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));
        var options = new ArazzoWorkflowOptions { TimeProvider = time, RequestTimeout = TimeSpan.FromHours(1) };
        options.BaseAddresses["items"] = server.BaseAddress;

        var result = await new FetchWithRetryWorkflow(Client, options)
            .RunAsync(new FetchWithRetryInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(new[] { TimeSpan.FromMinutes(5) }, time.Waits);
        Assert.Equal(2, server.Requests.Count);
    }

    // --- Transport faults ---

    [Fact]
    public async Task A_refused_connection_fails_as_transport_with_no_status_and_no_retry()
    {
        var result = await FetchWithRetry(ClosedPort.Address());

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.Null(failure.StatusCode);
        Assert.Equal(1, failure.Attempts);
        Assert.StartsWith("the request failed", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Time.Waits);
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_the_body_fails_as_transport()
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("""{"id":"1","status":""");
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.Null(failure.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_response_slower_than_the_request_timeout_fails_as_transport()
    {
        await using var server = await FaultServer.Holding();
        var run = FetchOnce(server.BaseAddress, o => o.RequestTimeout = TimeSpan.FromSeconds(60));

        await server.FirstRequest.WaitAsync(Watchdog);
        Time.Advance(TimeSpan.FromSeconds(60));
        var result = await run;

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.Equal("no response within the request timeout of 60 s", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_that_stalls_past_the_request_timeout_fails_as_transport()
    {
        await using var server = await FaultServer.Holding("""{"id":""");
        var run = FetchOnce(server.BaseAddress, o => o.RequestTimeout = TimeSpan.FromSeconds(60));

        await server.FirstRequest.WaitAsync(Watchdog);
        await Task.Delay(100); // let the client read the headers and start on the body
        Time.Advance(TimeSpan.FromSeconds(60));
        var result = await run;

        Assert.Equal(WorkflowFailureKind.Transport, Failed(result, WorkflowFailureKind.Transport).Kind);
        Assert.Single(server.Requests);
    }

    // --- Bodies the workflow cannot use ---

    [Theory]
    [InlineData("application/json", """{"id": "1", "status": """, "the body is not valid JSON")]
    [InlineData("text/html", "<html><body>maintenance</body></html>", "the body is text/html, not JSON")]
    [InlineData("application/json", "", "the response body is empty")]
    public async Task A_body_the_criteria_cannot_read_fails_as_an_invalid_response_saying_why(
        string contentType,
        string body,
        string why)
    {
        await using var server = await FaultServer.StartAsync(
            (context, _) => FaultServer.Text(context, 200, contentType, body));

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Equal((200, "$response.body#/id != null"), (failure.StatusCode, failure.Criterion));
        Assert.Contains("could not be checked: " + why, failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_error_page_in_html_is_a_failed_criterion_not_an_invalid_response()
    {
        await using var server = await FaultServer.StartAsync(
            (context, _) => FaultServer.Text(context, 502, "text/html", "<html>bad gateway</html>"));

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.CriterionNotMet);
        Assert.Equal((502, "$statusCode == 200"), (failure.StatusCode, failure.Criterion));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_10_MB_body_over_the_limit_fails_as_an_invalid_response(bool withContentLength)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (withContentLength)
            {
                context.Response.ContentLength = 160 * chunk.Length;
            }

            try
            {
                for (var i = 0; i < 160; i++)
                {
                    await context.Response.Body.WriteAsync(chunk);
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException or OperationCanceledException)
            {
                // The client stopped reading at its limit and closed the connection.
            }
        });

        var result = await FetchOnce(server.BaseAddress, o => o.MaxResponseBytes = 1024 * 1024);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Equal(200, failure.StatusCode);
        Assert.Contains("over the limit of 1048576", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    // --- Cancellation at each await ---

    [Fact]
    public async Task A_token_cancelled_before_the_run_sends_nothing_and_throws()
    {
        await using var server = await FaultServer.Always(200, """{"status":"done"}""");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => PollJob(server.BaseAddress, cancellationToken: cancel.Token));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancelling_while_a_request_is_in_flight_throws_and_sends_no_more()
    {
        await using var server = await FaultServer.Holding();
        using var cancel = new CancellationTokenSource();
        var run = PollJob(server.BaseAddress, cancellationToken: cancel.Token);

        await server.FirstRequest.WaitAsync(Watchdog);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_during_a_loop_delay_throws_at_once_and_sends_no_more()
    {
        await using var server = await FaultServer.Always(200, """{"status":"running"}""");
        using var cancel = new CancellationTokenSource();
        Time.OnWait = _ => cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => PollJob(server.BaseAddress, cancellationToken: cancel.Token));

        Assert.Single(server.Requests);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, Time.Waits);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_delay_throws_at_once_and_sends_no_more()
    {
        await using var server = await FaultServer.Always(503, "{}");
        using var cancel = new CancellationTokenSource();
        Time.OnWait = _ => cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new FetchWithRetryWorkflow(Client, Options(server.BaseAddress))
                .RunAsync(new FetchWithRetryInputs { Id = "1" }, cancel.Token)
                .WaitAsync(Watchdog));

        Assert.Single(server.Requests);
    }

    // --- A job that never finishes ---

    [Fact]
    public async Task A_job_running_forever_fails_on_the_step_budget_after_exactly_that_many_requests()
    {
        await using var server = await FaultServer.Always(200, """{"status":"running"}""");

        var result = await PollJob(server.BaseAddress, o => o.StepBudget = 25);

        var failure = Failed(result, WorkflowFailureKind.StepBudgetExhausted);
        Assert.Equal(("poll", 200), (failure.StepId, failure.StatusCode));
        Assert.Equal(25, server.Requests.Count);
        Assert.Equal(25, result.StepExecutions);
        Assert.Equal(24, Time.Waits.Count);
    }

    [Fact]
    public async Task A_job_running_forever_fails_on_the_overall_timeout()
    {
        await using var server = await FaultServer.Always(200, """{"status":"running"}""");

        var result = await PollJob(server.BaseAddress, o => o.Timeout = TimeSpan.FromSeconds(30.5));

        var failure = Failed(result, WorkflowFailureKind.Timeout);
        Assert.Equal("poll", failure.StepId);
        Assert.Equal(31, server.Requests.Count);
        // The timeout fired inside the 31st loop delay, which the fake clock ran to its end.
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(30.5), TimeSpan.FromSeconds(31));
    }
}
