using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// <c>TestData/requests/bodies.arazzo.yaml</c> (over an OpenAPI 3.0 document) run against Kestrel on 127.0.0.1: the
/// exact bytes and Content-Type of each body kind, with its replacements applied.
/// </summary>
public sealed class RequestBodyTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static BodyKindsInputs Inputs => new()
    {
        Name = "Ann & Bob",
        Note = "say \"hi\"",
        Count = 2,
        Tags = ["x", "y z"],
        Address = Json("""{"city":"Lyon","zip":"69001"}"""),
    };

    private async Task<ScriptedServer> RunAsync(BodyKindsInputs inputs)
    {
        var server = await ScriptedServer.StartAsync((200, "{}", null));
        var options = new ArazzoWorkflowOptions();
        options.BaseAddresses["bodies"] = server.BaseAddress;
        var result = await new BodyKindsWorkflow(_http, options).RunAsync(inputs);
        Assert.True(result.Succeeded, result.ToString());
        return server;
    }

    private static (string ContentType, string Body) Sent(ScriptedServer server, int index)
        => (server.Requests[index].Headers["Content-Type"], server.Requests[index].Body);

    [Fact]
    public async Task Json_bodies_from_an_object_a_template_and_an_expression_take_their_replacements()
    {
        using var server = await RunAsync(Inputs);

        // The operation declares text/plain, application/xml and application/json: without contentType, JSON.
        Assert.Equal(
            ("application/json",
                """{"name":"Ann \u0026 Bob","nested":{"flag":true,"tags":["say \u0022hi\u0022","y z"]},"""
                + "\"fixed\":[1,{\"two\":2},3]}"),
            Sent(server, 0));

        // Embedded values are escaped inside strings and written as JSON values outside them.
        Assert.Equal(
            ("application/json",
                """{"name":"Ann \u0026 Bob","count":7,"tags":["x","y z"],"note":"n: say \u0022hi\u0022"}"""),
            Sent(server, 1));
        Assert.Equal(("application/json", """{"city":"Ann \u0026 Bob","zip":"69001"}"""), Sent(server, 2));
    }

    [Fact]
    public async Task Form_bodies_from_an_object_and_a_template_are_form_encoded()
    {
        using var server = await RunAsync(Inputs);

        Assert.Equal(
            ("application/x-www-form-urlencoded",
                "name=Ann+%26+Bob&tags=x&tags=y+z&address=%7B%22city%22%3A%22Lyon%22%2C%22zip%22%3A%2269001%22%7D"
                + "&empty=&n=4"),
            Sent(server, 3));
        Assert.Equal(
            ("application/x-www-form-urlencoded", "client_id=Ann+%26+Bob&scope=say+%22hi%22"),
            Sent(server, 4));
    }

    [Fact]
    public async Task A_multipart_body_has_a_part_per_field_and_item_and_json_for_objects()
    {
        using var server = await RunAsync(Inputs);

        var (contentType, body) = Sent(server, 5);
        Assert.StartsWith("multipart/form-data; boundary=", contentType);
        var boundary = contentType.Substring("multipart/form-data; boundary=".Length);
        Assert.Equal(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAnn & Bob\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\ny z\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"address\"\r\n"
            + "Content-Type: application/json\r\n\r\n{\"city\":\"Lyon\",\"zip\":\"69001\"}\r\n"
            + $"--{boundary}--\r\n",
            body);
    }

    [Fact]
    public async Task Xml_and_text_bodies_come_from_string_templates_and_xml_takes_xpath_replacements()
    {
        using var server = await RunAsync(Inputs);

        Assert.Equal(
            ("application/xml", "<order id=\"42\"><name>Ann &amp; Bob</name><note>say \"hi\"</note></order>"),
            Sent(server, 6));
        Assert.Equal(("text/plain", "Hello Ann & Bob, 2 items"), Sent(server, 7));
    }

    [Fact]
    public async Task A_replacement_whose_target_an_expression_does_not_supply_fails_the_step_before_sending()
    {
        using var server = await ScriptedServer.StartAsync((200, "{}", null));
        var options = new ArazzoWorkflowOptions();
        options.BaseAddresses["bodies"] = server.BaseAddress;

        var result = await new BodyKindsWorkflow(_http, options).RunAsync(Inputs with
        {
            Address = Json("""{"zip":"69001"}"""),
        });

        Assert.Equal(WorkflowFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Equal("jsonWhole", result.Failure.StepId);
        Assert.Equal("replacement target '/city' selects nothing in the request body", result.Failure.Message);
        Assert.Equal(2, server.RequestCount);
        Assert.DoesNotContain(server.Requests, r => r.Body.Contains("69001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_optional_input_left_unset_leaves_its_member_out_and_its_replacement_unapplied()
    {
        using var server = await RunAsync(Inputs with { Note = null });

        Assert.Equal(
            """{"name":"Ann \u0026 Bob","nested":{"flag":true,"tags":["x","y z"]},"fixed":[1,{"two":2},3]}""",
            server.Requests[0].Body);
        Assert.Equal("client_id=Ann+%26+Bob&scope=", server.Requests.ElementAt(4).Body);
    }
}
