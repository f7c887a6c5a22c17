using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// A workflow cannot be turned against its user: no input, response or redirect sends a request to another host or
/// out of its path segment, and no secret reaches a log line, an exception message or a <c>ToString()</c>.
/// The "attacker" is a second server on 127.0.0.1 that must receive nothing.
/// </summary>
public sealed class SecurityTests : ItemsTestBase, IAsyncLifetime
{
    private readonly ListLogger _log = new();
    private FaultServer _attacker = null!;

    public async Task InitializeAsync() => _attacker = await FaultServer.Always(200, """{"id":"x","status":"x"}""");

    public async Task DisposeAsync() => await _attacker.DisposeAsync();

    private string Attacker => _attacker.BaseAddress.Authority;

    private static SignInInputs Credentials(string tag = "t", string bearer = "SECRET-bearer-1f2e") => new()
    {
        User = "alice",
        Bearer = bearer,
        ServiceKey = "SECRET-svc-9a8b",
        Access = "SECRET-access-77",
        Sid = "SECRET-sid-55",
        Pass = "SECRET-pass-33",
        Tag = tag,
    };

    private Task<WorkflowResult<SignInOutputs>> SignIn(
        Uri baseAddress,
        SignInInputs inputs,
        HttpClient? client = null,
        Action<ArazzoWorkflowOptions>? configure = null,
        CancellationToken cancellationToken = default)
        => new SignInWorkflow(client ?? Client, Options(baseAddress, configure), _log)
            .RunAsync(inputs, cancellationToken)
            .WaitAsync(Watchdog);

    /// <summary>Answers the login with a session whose user is <paramref name="user"/>, and any item.</summary>
    private static Task<FaultServer> Service(string user = "alice")
        => FaultServer.StartAsync((context, _) => context.Request.Path.StartsWithSegments("/sessions")
            ? FaultServer.Json(context, 200,
                "{\"accessToken\":\"SECRET-token-11\",\"user\":"
                + System.Text.Json.JsonSerializer.Serialize(user) + "}")
            : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}"""));

    // --- Values stay where they belong ---

    public static TheoryData<string> HostileValues() => new()
    {
        "http://{attacker}/steal",
        "//{attacker}/steal",
        "@{attacker}",
        "../../{attacker}/x",
        "a/b?c=d#e",
        "%2F..%2F{attacker}",
        "x\\..\\y",
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_hostile_path_value_stays_one_segment_of_the_configured_host(string template)
    {
        var value = template.Replace("{attacker}", Attacker, StringComparison.Ordinal);
        await using var server = await FaultServer.Always(200, """{"id":"1","status":"ok"}""");

        var result = await new FetchOnceWorkflow(Client, Options(server.BaseAddress))
            .RunAsync(new FetchOnceInputs { Id = value })
            .WaitAsync(Watchdog);

        Assert.True(result.Succeeded, result.ToString());
        var target = Assert.Single(server.Requests).Target;
        Assert.StartsWith("/items/", target, StringComparison.Ordinal);
        var segment = target["/items/".Length..];
        Assert.DoesNotContain('/', segment);
        Assert.DoesNotContain('?', segment);
        Assert.DoesNotContain('#', segment);
        Assert.Equal(value, Uri.UnescapeDataString(segment));
        Assert.Empty(_attacker.Requests);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_query_cookie_and_header_values_stay_values_on_the_configured_host(string template)
    {
        var value = template.Replace("{attacker}", Attacker, StringComparison.Ordinal);
        await using var server = await Service();

        var result = await SignIn(server.BaseAddress, Credentials(tag: value) with { Sid = value });

        Assert.True(result.Succeeded, result.ToString());
        var login = server.Requests[0];
        var query = QueryOf(login.Target);
        Assert.Equal(new[] { "access", "tag" }, query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(value, query["tag"]);
        var cookie = Assert.Single(login.Header("Cookie")!.Split("; "));
        Assert.Equal("sid=" + Uri.EscapeDataString(value), cookie);
        Assert.Equal(2, server.Requests.Count);
        Assert.Empty(_attacker.Requests);
    }

    [Fact]
    public async Task A_url_in_a_response_used_as_a_path_value_cannot_move_the_next_request()
    {
        var user = "http://" + Attacker + "/steal?x=1";
        await using var server = await Service(user);

        var result = await SignIn(server.BaseAddress, Credentials());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("/items/" + Uri.EscapeDataString(user), server.Requests[1].Target);
        Assert.Empty(_attacker.Requests);
    }

    [Theory]
    [InlineData("\r\nX-Injected: 1")]
    [InlineData("\nX-Injected: 1")]
    [InlineData("a\rb")]
    public async Task A_credential_with_a_line_break_is_refused_before_anything_is_sent(string tail)
    {
        await using var server = await Service();

        var result = await SignIn(server.BaseAddress, Credentials(bearer: "SECRET-bearer-1f2e" + tail));

        Assert.Equal(WorkflowFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Contains("header 'Authorization' contains a control character", result.Failure!.Message,
            StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        AssertNoSecrets(result, Credentials());
    }

    // --- Redirects ---

    private static Task<FaultServer> Redirecting(int status, Func<FaultServer, string> location)
    {
        FaultServer server = null!;
        return StartAndKeep();

        async Task<FaultServer> StartAndKeep()
        {
            server = await FaultServer.StartAsync((context, n) =>
            {
                if (n == 0)
                {
                    context.Response.StatusCode = status;
                    context.Response.Headers.Location = location(server);
                    return Task.CompletedTask;
                }

                return context.Request.Path.StartsWithSegments("/sessions")
                    ? FaultServer.Json(context, 200, """{"accessToken":"SECRET-token-11","user":"alice"}""")
                    : FaultServer.Json(context, 200, """{"id":"1","status":"ok"}""");
            });
            return server;
        }
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed_and_the_step_sees_the_redirect()
    {
        await using var server = await Redirecting(302, _ => "http://" + Attacker + "/sessions");

        var result = await SignIn(server.BaseAddress, Credentials());

        Assert.Equal(WorkflowFailureKind.CriterionNotMet, result.Failure?.Kind);
        Assert.Equal(302, result.Failure!.StatusCode);
        Assert.Single(server.Requests);
        Assert.Empty(_attacker.Requests);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("redirects to another origin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_307_on_the_same_origin_is_followed_with_the_same_method_body_and_credentials()
    {
        await using var server = await Redirecting(307, s => s.BaseAddress + "sessions?moved=1");

        var result = await SignIn(server.BaseAddress, Credentials());

        Assert.True(result.Succeeded, result.ToString());
        var (first, second) = (server.Requests[0], server.Requests[1]);
        Assert.Equal("POST", second.Method);
        Assert.Equal("/sessions?moved=1", second.Target);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Header("Authorization"), second.Header("Authorization"));
        Assert.Equal(first.Header("X-Service-Key"), second.Header("X-Service-Key"));
        Assert.Equal(first.Header("Cookie"), second.Header("Cookie"));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_303_on_the_same_origin_continues_as_a_get_without_a_body()
    {
        await using var server = await Redirecting(303, _ => "/sessions/current");

        var result = await SignIn(server.BaseAddress, Credentials());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("GET /sessions/current", server.Requests[1].Line);
        Assert.Equal(string.Empty, server.Requests[1].Body);
    }

    [Fact]
    public async Task A_redirect_loop_on_the_same_origin_fails_after_the_redirect_limit()
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/items/1";
            return Task.CompletedTask;
        });

        var result = await new FetchOnceWorkflow(Client, Options(server.BaseAddress, o => o.MaxRedirects = 5))
            .RunAsync(new FetchOnceInputs { Id = "1" })
            .WaitAsync(Watchdog);

        Assert.Equal(WorkflowFailureKind.InvalidResponse, result.Failure?.Kind);
        Assert.Equal("more than 5 redirects", result.Failure!.Message);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task With_redirects_off_a_same_origin_redirect_is_the_step_response()
    {
        await using var server = await Redirecting(302, _ => "/sessions/current");

        var result = await SignIn(server.BaseAddress, Credentials(), configure: o => o.Redirects = RedirectPolicy.None);

        Assert.Equal((WorkflowFailureKind.CriterionNotMet, 302), (result.Failure?.Kind, result.Failure?.StatusCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_client_that_follows_redirects_itself_to_another_host_gets_its_response_refused()
    {
        using var plain = new HttpClient();
        await using var server = await Redirecting(307, _ => "http://" + Attacker + "/sessions");

        var result = await SignIn(server.BaseAddress, Credentials(), plain);

        Assert.Equal(WorkflowFailureKind.InvalidResponse, result.Failure?.Kind);
        Assert.Contains("followed a redirect to another origin", result.Failure!.Message, StringComparison.Ordinal);

        // .NET's own handler went there (which is why the workflow should get ArazzoHttp.CreateClient()), but it
        // dropped the Authorization header on the way.
        var stolen = Assert.Single(_attacker.Requests);
        Assert.Null(stolen.Header("Authorization"));
    }

    // --- Secrets ---

    [Fact]
    public void Inputs_and_outputs_print_their_secrets_as_stars()
    {
        var inputs = Credentials().ToString();
        var outputs = new SignInOutputs { AccessToken = "SECRET-token-11", User = "alice" }.ToString();

        Assert.Equal(
            "SignInInputs { User = alice, Bearer = ***, ServiceKey = ***, Access = ***, Sid = ***, Pass = ***, "
            + "Tag = t }",
            inputs);
        Assert.Equal("SignInOutputs { AccessToken = ***, User = alice }", outputs);
    }

    public static TheoryData<string> Outcomes() => new()
    {
        "success", "server error", "refused connection", "cross-origin redirect", "timeout", "cancelled",
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task No_log_line_message_or_string_shows_a_secret_whatever_the_outcome(string outcome)
    {
        await using var server = outcome switch
        {
            "server error" => await FaultServer.Always(500, """{"error":"SECRET-in-a-body-is-not-logged"}"""),
            "cross-origin redirect" => await Redirecting(302, _ => "http://" + Attacker + "/sessions"),
            "timeout" or "cancelled" => await FaultServer.StartAsync((context, _) => Task.Delay(-1,
                context.RequestAborted)),
            _ => await Service(),
        };
        var baseAddress = outcome == "refused connection" ? ClosedPort.Address() : server.BaseAddress;
        using var cancel = new CancellationTokenSource();
        var run = SignIn(baseAddress, Credentials(), configure: o => o.RequestTimeout = TimeSpan.FromSeconds(60),
            cancellationToken: cancel.Token);
        if (outcome is "timeout" or "cancelled")
        {
            await server.FirstRequest.WaitAsync(Watchdog);
            if (outcome == "timeout")
            {
                Time.Advance(TimeSpan.FromSeconds(60));
            }
            else
            {
                await cancel.CancelAsync();
            }
        }

        WorkflowResult<SignInOutputs>? result = null;
        Exception? thrown = null;
        try
        {
            result = await run;
        }
        catch (OperationCanceledException ex)
        {
            thrown = ex;
        }

        Assert.Equal(outcome == "cancelled", thrown is not null);
        Assert.Equal(outcome == "success", result?.Succeeded == true);
        Assert.NotEmpty(_log.Entries);
        if (result is not null)
        {
            AssertNoSecrets(result, Credentials());
        }

        Assert.DoesNotContain("SECRET", thrown?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("success")]
    [InlineData("server error")]
    [InlineData("refused connection")]
    [InlineData("cross-origin redirect")]
    public async Task No_span_of_any_source_shows_a_secret_in_a_tag_an_event_or_a_status(string outcome)
    {
        // A marker no other test plants: the listener hears every span of the process.
        var marker = "PLANTED" + Guid.NewGuid().ToString("N");
        var inputs = new SignInInputs
        {
            User = "alice",
            Bearer = marker + "-bearer",
            ServiceKey = marker + "-svc",
            Access = marker + "-access",
            Sid = marker + "-sid",
            Pass = marker + "-pass",
            Tag = "t",
        };
        var seen = new List<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _)
                => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (seen)
                {
                    seen.Add(activity.DisplayName + " " + activity.StatusDescription);
                    seen.AddRange(activity.TagObjects.Select(t => t.Key + "=" + t.Value));
                    seen.AddRange(activity.Events.SelectMany(
                        e => e.Tags.Select(t => e.Name + " " + t.Key + "=" + t.Value).Append(e.Name)));
                    seen.AddRange(activity.Baggage.Select(b => b.Key + "=" + b.Value));
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var server = outcome switch
        {
            "server error" => await FaultServer.Always(500, "{\"error\":\"" + marker + "\"}"),
            "cross-origin redirect" => await Redirecting(302, _ => "http://" + Attacker + "/sessions"),
            _ => await Service(),
        };
        var baseAddress = outcome == "refused connection" ? ClosedPort.Address() : server.BaseAddress;

        var result = await SignIn(baseAddress, inputs);

        Assert.Equal(outcome == "success", result.Succeeded);
        lock (seen)
        {
            Assert.Contains(seen, s => s.StartsWith("arazzo.workflow", StringComparison.Ordinal));
            Assert.Contains(seen, s => s.StartsWith("url.full=", StringComparison.Ordinal));
            Assert.All(seen, s => Assert.DoesNotContain(marker, s, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("tok_live_SECRET-in-a-bare-token")]
    [InlineData("{\"accessToken\": nSECRET-unquoted, \"user\": \"alice\"}")]
    [InlineData("{\"accessToken\": fSECRET-unquoted}")]
    public async Task A_body_that_is_not_json_is_not_quoted_in_the_failure_or_the_log(string body)
    {
        await using var server = await FaultServer.Always(200, body);
        var inputs = new FetchOnceInputs { Id = "1" };

        var result = await new FetchOnceWorkflow(Client, Options(server.BaseAddress), _log)
            .RunAsync(inputs)
            .WaitAsync(Watchdog);

        Assert.Equal(WorkflowFailureKind.InvalidResponse, result.Failure?.Kind);
        Assert.Contains("the body is not valid JSON", result.Failure!.Message, StringComparison.Ordinal);
        List<string> texts;
        lock (_log.Entries)
        {
            texts = _log.Everything.ToList();
        }

        texts.Add(result.ToString());
        texts.Add(result.Failure.Message);
        texts.Add(result.LastResponse!.Body.ToString());
        Assert.All(texts, text => Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<r>a&tok_SECRET;</r>")]
    [InlineData("<r><SECRET></r>")]
    [InlineData("<r SECRET='1' SECRET='2'/>")]
    public void A_body_that_is_not_xml_is_not_quoted_in_the_debug_log(string body)
    {
        var logger = new ListLogger();

        Assert.False(XPathQuery.Compile("/r").Matches(body, logger));

        var line = Assert.Single(
            logger.Everything, t => t.Contains("could not be read as XML", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", line, StringComparison.Ordinal);
        Assert.Contains("Line 1", line, StringComparison.Ordinal);
    }

    private void AssertNoSecrets(WorkflowResult<SignInOutputs> result, SignInInputs inputs)
    {
        List<string> texts;
        lock (_log.Entries)
        {
            texts = _log.Everything.ToList();
        }

        texts.Add(result.ToString());
        texts.Add(result.Failure?.ToString() ?? string.Empty);
        texts.Add(result.Failure?.Message ?? string.Empty);
        texts.Add(result.Outputs?.ToString() ?? string.Empty);
        texts.Add(inputs.ToString());
        foreach (var text in texts)
        {
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> QueryOf(string target)
    {
        var query = target.Contains('?', StringComparison.Ordinal) ? target[(target.IndexOf('?') + 1)..] : string.Empty;
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                kv => Uri.UnescapeDataString(kv[0]),
                kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1].Replace('+', ' ') : string.Empty),
                StringComparer.Ordinal);
    }
}
