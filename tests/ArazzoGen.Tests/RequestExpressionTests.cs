using System;
using System.Net.Http;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// <c>TestData/requests/expressions.arazzo.yaml</c> (over an OpenAPI 3.1 document): <c>$url</c>, <c>$method</c> and
/// <c>$request…</c> read the request the step sent, in its criteria, actions and outputs; workflow-level parameters
/// reach every step and a step's own parameter of the same name and location wins.
/// </summary>
public sealed class RequestExpressionTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private async Task<(ScriptedServer Server, WorkflowResult<EchoRequestOutputs> Result)> RunAsync(
        EchoRequestInputs inputs)
    {
        var server = await ScriptedServer.StartAsync((200, "{}", null));
        var options = new ArazzoWorkflowOptions();
        options.BaseAddresses["items"] = server.BaseAddress;
        return (server, await new EchoRequestWorkflow(_http, options).RunAsync(inputs));
    }

    [Fact]
    public async Task Criteria_and_outputs_read_the_request_the_step_sent()
    {
        var (server, result) = await RunAsync(new EchoRequestInputs { Id = 5, Trace = "abc", Tenant = "t-1" });
        using var _ = server;

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("done", result.EndedBy);
        var outputs = result.Outputs!;
        Assert.Equal(new Uri(server.BaseAddress, "/items/5?q=find%20abc").AbsoluteUri, outputs.Url);
        Assert.Equal("POST", outputs.Method);
        Assert.Equal("abc", outputs.Trace);
        Assert.Equal("t-1", outputs.Tenant);
        Assert.Equal("application/json", outputs.ContentType);
        Assert.Equal("find abc", outputs.Query!.Value.GetString());
        Assert.Equal(5, outputs.Id!.Value.GetInt64());
        Assert.Equal("""{"name":"widget","sizes":[1,2]}""", outputs.Body!.Value.GetRawText());
        Assert.Equal(2, outputs.SecondSize!.Value.GetInt32());
    }

    [Fact]
    public async Task Workflow_parameters_reach_every_step_where_they_fit_and_step_parameters_override_them()
    {
        var (server, result) = await RunAsync(new EchoRequestInputs { Id = 5, Trace = "abc", Tenant = "t-1" });
        using var _ = server;

        Assert.True(result.Succeeded, result.ToString());
        var update = server.Requests[0];
        Assert.Equal("POST /items/5?q=find%20abc", update.Target);
        Assert.Equal("t-1", update.Headers["X-Tenant"]);
        Assert.Equal("abc", update.Headers["X-Trace"]);

        // The workflow's path parameter 'id' does not fit /items; its query parameter 'q' is not overridden here.
        var list = server.Requests[1];
        Assert.Equal("GET /items?q=everything", list.Target);
        Assert.Equal("t-1", list.Headers["X-Tenant"]);
    }

    [Fact]
    public async Task A_request_expression_with_no_value_fails_its_comparison()
    {
        var (server, result) = await RunAsync(new EchoRequestInputs { Id = 5, Trace = "abc" });
        using var _ = server;

        // Without a tenant no X-Tenant header is sent, so the 'done' action's criterion is false and the run
        // simply ends after its last step.
        Assert.True(result.Succeeded, result.ToString());
        Assert.Null(result.EndedBy);
        Assert.Null(result.Outputs!.Tenant);
        Assert.False(server.Requests[1].Headers.ContainsKey("X-Tenant"));
    }
}
