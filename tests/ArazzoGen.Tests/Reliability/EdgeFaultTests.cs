using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// Faults at the edges of HTTP: answers Kestrel sends only when asked (HEAD, gzip, odd redirects) and answers only
/// a raw socket sends (a lying Content-Length, a connection closed before the headers, HTTP/1.0). Each ends in a
/// typed outcome, never a hang or another exception, and each test counts the requests.
/// </summary>
public sealed class EdgeFaultTests : ItemsTestBase
{
    private static string Port(Uri address) => address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Http(string statusLine, string headers, string body)
        => statusLine + "\r\n" + headers + "Connection: close\r\n\r\n" + body;

    // --- Bodies that are not what their headers say ---

    [Fact]
    public async Task A_head_response_with_the_content_length_of_the_resource_succeeds()
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1234;
            return Task.CompletedTask;
        });

        var result = await new ItemExistsWorkflow(Client, Options(server.BaseAddress))
            .RunAsync(new ItemExistsInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("HEAD /items/1", Assert.Single(server.Requests).Line);
        Assert.Equal(0, result.LastResponse!.BodyLength);
    }

    [Fact]
    public async Task A_content_length_larger_than_the_body_fails_as_transport()
    {
        await using var server = RawServer.Always(Http(
            "HTTP/1.1 200 OK", "Content-Type: application/json\r\nContent-Length: 100\r\n", """{"id":"1"}"""));

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.StartsWith("the response was cut off", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_content_length_smaller_than_the_body_reads_only_that_many_bytes()
    {
        await using var server = RawServer.Always(Http(
            "HTTP/1.1 200 OK",
            "Content-Type: application/json\r\nContent-Length: 27\r\n",
            """{"id":"1","status":"short"}, "trailing": "garbage" }"""));

        var result = await FetchOnce(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("short", result.Outputs!.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_http_1_0_answer_without_content_length_is_read_to_the_close()
    {
        await using var server = RawServer.Always(
            "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + """{"id":"1","status":"old"}""");

        var result = await FetchOnce(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("old", result.Outputs!.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_connection_closed_before_the_headers_fails_as_transport_after_the_handler_retries()
    {
        await using var server = RawServer.Always(string.Empty);

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.Null(failure.StatusCode);

        // .NET's handler sends a request without a body again, up to three times, when the connection closes before
        // any byte of a response arrived; ArazzoGen cannot turn that off (docs/reliability.md, known shortcomings).
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task A_post_whose_connection_closes_before_the_headers_is_not_sent_again()
    {
        await using var server = RawServer.Always(string.Empty);
        var options = Options(server.BaseAddress);

        var result = await new SignInWorkflow(Client, options)
            .RunAsync(new SignInInputs
            {
                User = "u", Bearer = "b", ServiceKey = "k", Access = "a", Sid = "s", Pass = "p",
            })
            .WaitAsync(Watchdog);

        Failed(result, WorkflowFailureKind.Transport);
        Assert.StartsWith("POST /sessions", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_status_line_fails_as_transport()
    {
        await using var server = RawServer.Always("SMTP ready\r\n\r\n");

        var result = await FetchOnce(server.BaseAddress);

        Failed(result, WorkflowFailureKind.Transport);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Response_headers_over_the_handler_limit_fail_as_transport()
    {
        var huge = "X-Filler: " + new string('a', 200 * 1024) + "\r\n";
        await using var server = RawServer.Always(Http(
            "HTTP/1.1 200 OK", "Content-Type: application/json\r\n" + huge + "Content-Length: 2\r\n", "{}"));

        var result = await FetchOnce(server.BaseAddress);

        Failed(result, WorkflowFailureKind.Transport);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_content_length_larger_than_an_array_holds_is_over_any_limit()
    {
        await using var server = RawServer.Always(Http(
            "HTTP/1.1 200 OK", "Content-Type: application/json\r\nContent-Length: 3000000000\r\n", "{}"));

        var result = await FetchOnce(server.BaseAddress, o => o.MaxResponseBytes = long.MaxValue);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Contains("over the limit", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_max_response_bytes_is_read(bool withContentLength)
    {
        const int limit = 64 * 1024;
        var json = "{\"id\":\"1\",\"status\":\"ok\",\"pad\":\"" + new string('x', limit - 33) + "\"}";
        Assert.Equal(limit, Encoding.UTF8.GetByteCount(json));
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (withContentLength)
            {
                context.Response.ContentLength = limit;
            }

            await context.Response.WriteAsync(json);
        });

        var result = await FetchOnce(server.BaseAddress, o => o.MaxResponseBytes = limit);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(limit, result.LastResponse!.BodyLength);
    }

    [Fact]
    public async Task A_gzip_body_the_client_did_not_ask_for_is_an_invalid_response()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("""{"id":"1","status":"ok"}"""));
        }

        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(packed.ToArray());
        });

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Contains("could not be checked", failure.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(server.Requests).Header("Accept-Encoding"));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task A_corrupt_compressed_body_through_a_decompressing_client_fails_as_an_invalid_response(
        string encoding)
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = encoding;
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("this is not compressed at all"));
        });
        using var decompressing = new HttpClient(new System.Net.Http.SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });

        var result = await new FetchOnceWorkflow(decompressing, Options(server.BaseAddress))
            .RunAsync(new FetchOnceInputs { Id = "1" })
            .WaitAsync(Watchdog);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Equal(200, failure.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_gzip_bomb_through_a_decompressing_client_stops_at_the_limit_of_decoded_bytes()
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[64 * 1024 * 1024]);
        }

        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = packed.Length;
            await context.Response.Body.WriteAsync(packed.ToArray());
        });
        using var decompressing = new HttpClient(new System.Net.Http.SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });

        var options = Options(server.BaseAddress, o => o.MaxResponseBytes = 1 << 20);
        var result = await new FetchOnceWorkflow(decompressing, options)
            .RunAsync(new FetchOnceInputs { Id = "1" })
            .WaitAsync(Watchdog);

        var failure = Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Contains("over the limit of 1048576", failure.Message, StringComparison.Ordinal);
        Assert.True(packed.Length < 1 << 20);
    }

    [Fact]
    public async Task A_json_body_nested_past_the_depth_limit_is_an_invalid_response()
    {
        var deep = """{"id":"1","x":""" + new string('[', 10_000) + new string(']', 10_000) + "}";
        await using var server = await FaultServer.Always(200, deep);

        var result = await FetchOnce(server.BaseAddress);

        Failed(result, WorkflowFailureKind.InvalidResponse);
        Assert.Single(server.Requests);
    }

    // --- A handler in the client's pipeline that gives up (a resilience handler's circuit breaker, say) ---

    /// <summary>What a resilience library's handler throws: its own exception, not HttpRequestException.</summary>
    private sealed class CircuitOpenException : Exception
    {
        public CircuitOpenException()
            : base("the circuit is open")
        {
        }
    }

    private sealed class Throwing : DelegatingHandler
    {
        private readonly Exception _exception;

        public Throwing(Exception exception)
            : base(ArazzoHttp.CreateHandler()) => _exception = exception;

        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
            => throw _exception;
    }

    [Fact]
    public async Task A_handler_that_refuses_the_request_with_its_own_exception_fails_as_transport()
    {
        using var client = new HttpClient(new Throwing(new CircuitOpenException()));

        var result = await new FetchOnceWorkflow(client, Options(new Uri("http://127.0.0.1:9/")))
            .RunAsync(new FetchOnceInputs { Id = "1" })
            .WaitAsync(Watchdog);

        var failure = Failed(result, WorkflowFailureKind.Transport);
        Assert.Null(failure.StatusCode);
        Assert.Contains("CircuitOpenException", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_with_a_bug_still_throws_it()
    {
        using var client = new HttpClient(new Throwing(new NullReferenceException()));

        await Assert.ThrowsAsync<NullReferenceException>(
            () => new FetchOnceWorkflow(client, Options(new Uri("http://127.0.0.1:9/")))
                .RunAsync(new FetchOnceInputs { Id = "1" })
                .WaitAsync(Watchdog));
    }

    // --- A workflow that runs another ---

    [Fact]
    public async Task The_run_timeout_while_a_sub_workflow_waits_fails_the_caller_as_timeout()
    {
        FaultServer server = null!;
        server = await FaultServer.StartAsync(async (context, n) =>
        {
            if (n == 0)
            {
                await FaultServer.Json(context, 200, """[{"id":7,"name":"Rex"}]""");
                return;
            }

            await server.Released;
        });
        await using var stop = server;
        var options = new ArazzoWorkflowOptions { TimeProvider = Time, Timeout = TimeSpan.FromSeconds(40) };
        options.BaseAddresses["shop"] = server.BaseAddress;
        var run = new BuyPetWorkflow(Client, options).RunAsync(new BuyPetInputs()).WaitAsync(Watchdog);

        await Task.Run(async () =>
        {
            while (server.Requests.Count < 2)
            {
                await Task.Delay(10);
            }
        }).WaitAsync(Watchdog);

        Time.Advance(TimeSpan.FromSeconds(40));
        var result = await run;

        var failure = Failed(result, WorkflowFailureKind.Timeout);
        Assert.Equal("order", failure.StepId);
        Assert.Equal(new[] { "GET", "POST" }, server.Requests.Select(r => r.Method));
    }

    // --- Values as deep as JSON allows ---

    [Fact]
    public void A_list_of_json_values_as_deep_as_the_default_reader_allows_is_a_value()
    {
        using var deep = System.Text.Json.JsonDocument.Parse(new string('[', 64) + new string(']', 64));

        var value = ArazzoValue.From(new[] { deep.RootElement });

        Assert.Equal(ArazzoValueKind.Structure, value.Kind);
    }

    // --- Retry-After the server should not have sent ---

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")]
    public async Task A_retry_after_that_is_garbage_or_past_falls_back_to_the_action_delay(string retryAfter)
    {
        await using var server = await FaultServer.StartAsync((context, n) => n == 0
            ? FaultServer.Json(context, 429, "{}", retryAfter)
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));

        var result = await new FetchWithRetryWorkflow(Client, Options(server.BaseAddress))
            .RunAsync(new FetchWithRetryInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.True(Time.Waits.Count <= 1);
    }

    [Fact]
    public async Task A_retry_after_longer_than_a_timer_can_wait_is_waited_when_max_retry_after_allows_it()
    {
        var time = new AutoAdvancingTimeProvider { AdvanceBelow = TimeSpan.MaxValue };
        await using var server = await FaultServer.StartAsync((context, n) => n == 0
            ? FaultServer.Json(context, 429, "{}", retryAfter: "99999999")
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));
        var options = new ArazzoWorkflowOptions
        {
            TimeProvider = time,
            MaxRetryAfter = TimeSpan.MaxValue,
            RequestTimeout = Timeout.InfiniteTimeSpan,
        };
        options.BaseAddresses["items"] = server.BaseAddress;

        var result = await new FetchWithRetryWorkflow(Client, options)
            .RunAsync(new FetchWithRetryInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(99999999), time.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-3)]
    public void A_retry_delay_from_any_number_the_document_gives_is_a_time_span(double seconds)
    {
        var response = new StepResponse("GET", new Uri("http://127.0.0.1/"), 503,
            new System.Collections.Generic.Dictionary<string, string>(), Array.Empty<byte>(), null);

        var delay = WorkflowRun.RetryDelay(response, seconds);

        Assert.True(delay >= TimeSpan.Zero);
    }

    // --- Redirects that look like the origin but are not ---

    [Theory]
    [InlineData("http://127.0.0.1:{otherPort}/items/1")]
    [InlineData("https://127.0.0.1:{port}/items/1")]
    [InlineData("http://localhost:{port}/items/1")]
    [InlineData("//127.0.0.1:{otherPort}/items/1")]
    [InlineData("\\\\127.0.0.1:{otherPort}\\items\\1")]
    [InlineData("http://[not a uri")]
    public async Task A_redirect_to_another_origin_in_any_spelling_is_not_followed(string location)
    {
        await using var attacker = await FaultServer.Always(200, """{"id":"1","status":"stolen"}""");
        FaultServer server = null!;
        server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = location
                .Replace("{otherPort}", Port(attacker.BaseAddress), StringComparison.Ordinal)
                .Replace("{port}", Port(server.BaseAddress), StringComparison.Ordinal);
            return Task.CompletedTask;
        });
        await using var stop = server;

        var result = await FetchOnce(server.BaseAddress);

        var failure = Failed(result, WorkflowFailureKind.CriterionNotMet);
        Assert.Equal(307, failure.StatusCode);
        Assert.Single(server.Requests);
        Assert.Empty(attacker.Requests);
    }

    [Theory]
    [InlineData("//")]
    [InlineData("///items/2")]
    [InlineData("//:80")]
    public async Task A_location_that_resolves_to_no_uri_is_the_step_response(string location)
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

        var result = await FetchOnce(server.BaseAddress);

        Assert.Equal(302, Failed(result, WorkflowFailureKind.CriterionNotMet).StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_relative_redirect_with_dot_segments_stays_on_the_origin()
    {
        await using var server = await FaultServer.StartAsync((context, n) =>
        {
            if (n == 0)
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "../../../../items/2";
                return Task.CompletedTask;
            }

            return FaultServer.Json(context, 200, """{"id":"2","status":"moved"}""");
        });

        var result = await FetchOnce(server.BaseAddress);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(new[] { "GET /items/1", "GET /items/2" }, server.Requests.Select(r => r.Line));
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_the_step_response()
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            return Task.CompletedTask;
        });

        var result = await FetchOnce(server.BaseAddress);

        Assert.Equal(302, Failed(result, WorkflowFailureKind.CriterionNotMet).StatusCode);
        Assert.Single(server.Requests);
    }

    // --- Values too large for a URI ---

    [Fact]
    public async Task A_path_value_longer_than_the_server_takes_is_the_servers_answer()
    {
        await using var server = await FaultServer.Always(200, """{"id":"1","status":"ok"}""");

        var result = await FetchOnce(server.BaseAddress, id: new string('a', 70_000));

        Assert.Equal(414, Failed(result, WorkflowFailureKind.CriterionNotMet).StatusCode);
    }

    // --- Cancellation and the run's timeout while a body is read ---

    [Fact]
    public async Task Cancelling_while_the_body_stalls_throws_and_sends_no_more()
    {
        await using var server = await FaultServer.Holding("""{"id":""");
        using var cancel = new CancellationTokenSource();
        var run = FetchOnce(server.BaseAddress, cancellationToken: cancel.Token);

        await server.FirstRequest.WaitAsync(Watchdog);
        await Task.Delay(100); // let the client read the headers and start on the body
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_run_timeout_while_the_body_stalls_fails_as_timeout()
    {
        await using var server = await FaultServer.Holding("""{"id":""");
        var run = FetchOnce(server.BaseAddress, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(40);
            o.RequestTimeout = TimeSpan.FromSeconds(60);
        });

        await server.FirstRequest.WaitAsync(Watchdog);
        await Task.Delay(100);
        Time.Advance(TimeSpan.FromSeconds(40));
        var result = await run;

        Failed(result, WorkflowFailureKind.Timeout);
        Assert.Single(server.Requests);
    }
}
