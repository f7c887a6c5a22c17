using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// <c>TestData/requests/petstore.arazzo.yaml</c> over a Swagger 2.0 document: <c>host</c>, <c>basePath</c> and
/// <c>schemes</c> give the default server, <c>consumes</c> the request media type (JSON preferred), <c>in: body</c>
/// and <c>in: formData</c> parameters are the step's request body, and <c>collectionFormat</c> the array style.
/// </summary>
public sealed class SwaggerTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private static SwaggerPetsInputs Inputs => new() { Tags = ["a", "b c"], Ids = [1, 2] };

    [Fact]
    public async Task Bodies_and_collection_formats_follow_the_swagger_document()
    {
        using var server = await ScriptedServer.StartAsync((200, "{}", null));
        var options = new ArazzoWorkflowOptions();

        // The base address stands for the whole server URL, basePath included.
        options.BaseAddresses["pets"] = new Uri(server.BaseAddress, "/v2");

        var result = await new SwaggerPetsWorkflow(_http, options).RunAsync(Inputs);

        Assert.True(result.Succeeded, result.ToString());
        var add = server.Requests[0];
        Assert.Equal("POST /v2/pets", add.Target);
        Assert.Equal("application/json", add.Headers["Content-Type"]);
        Assert.Equal("""{"name":"Rex","tags":["a","b c"]}""", add.Body);
        Assert.Equal("r-1", add.Headers["X-Request-Id"]);

        // csv (the default), multi, pipes and ssv.
        var find = server.Requests[1];
        Assert.Equal(
            "GET /v2/pets/findByTags?tags=a,b%20c&status=a&status=b%20c&ids=1%7C2&words=a%20b%20c",
            find.Target);
        Assert.Equal("a,b c", find.Headers["X-Labels"]);

        var rename = server.Requests[2];
        Assert.Equal("POST /v2/pets/7", rename.Target);
        Assert.Equal("application/x-www-form-urlencoded", rename.Headers["Content-Type"]);
        Assert.Equal("name=Rex+Junior&status=sold", rename.Body);
    }

    [Fact]
    public async Task Without_a_configured_base_address_the_first_scheme_host_and_base_path_are_used()
    {
        // A handler that answers in process: nothing leaves the machine.
        var handler = new RecordingHandler();
        using var client = new HttpClient(handler);

        var result = await new SwaggerPetsWorkflow(client, new ArazzoWorkflowOptions()).RunAsync(Inputs);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("https://petstore.example/v2/pets", handler.Uris[0].AbsoluteUri);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Uri> Uris { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            Uris.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        }
    }
}
