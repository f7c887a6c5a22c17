using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// <c>TestData/requests/injection.arazzo.yaml</c>: one hostile value (<c>../</c>, <c>/</c>, <c>?</c>, <c>#</c>,
/// <c>&amp;</c>, <c>=</c>, <c>;</c>, quotes, angle brackets, CR/LF, non-ASCII) in every location and body kind. It
/// must arrive as data, never as structure: the expectations are computed with <c>Uri.EscapeDataString</c>
/// or by parsing what the server received, not with the code under test.
/// </summary>
public sealed class RequestInjectionTests : IDisposable
{
    private const string Ascii = "../x/?a=1&b=2#f;c=d, \"q\" <t>";
    private const string Breaks = "a\r\nX-Injected: 1 é❤";

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private async Task<(ScriptedServer Server, WorkflowResult<HostileValuesOutputs> Result)> RunAsync(string value)
    {
        var server = await ScriptedServer.StartAsync((200, "{}", null));
        var options = new ArazzoWorkflowOptions();
        options.BaseAddresses["styles"] = server.BaseAddress;
        options.BaseAddresses["bodies"] = server.BaseAddress;
        var inputs = new HostileValuesInputs { Value = value };
        var result = await new HostileValuesWorkflow(_http, options).RunAsync(inputs);
        return (server, result);
    }

    private static string Form(string text) => Uri.EscapeDataString(text).Replace("%20", "+");

    [Theory]
    [InlineData(Ascii)]
    [InlineData(Breaks)]
    public async Task Path_query_and_cookie_values_are_percent_encoded_data(string value)
    {
        var (server, _) = await RunAsync(value);
        using var _server = server;

        var e = Uri.EscapeDataString(value);
        Assert.Equal($"GET /path/{e}/x{e}/.{e}/.{e}/;matrix={e}/;matrixExploded={e}", server.Requests[0].Target);
        var query = server.Requests[1].Target;
        Assert.StartsWith($"GET /query?form={e}&reserved=", query);
        Assert.EndsWith($"&deep%5Bkey%5D={e}", query);
        Assert.Equal("form=" + e, server.Requests[7].Headers["Cookie"]);
        Assert.DoesNotContain(server.Requests, r => r.Headers.ContainsKey("X-Injected"));
    }

    [Fact]
    public async Task Allow_reserved_still_encodes_what_would_split_the_query_or_end_it()
    {
        var (server, _) = await RunAsync(Ascii);
        using var _server = server;

        Assert.Equal(
            "GET /query?form=" + Uri.EscapeDataString(Ascii)
            + "&reserved=../x/?a%3D1%26b%3D2%23f;c%3Dd,%20%22q%22%20%3Ct%3E"
            + "&deep%5Bkey%5D=" + Uri.EscapeDataString(Ascii),
            server.Requests[1].Target);
    }

    [Theory]
    [InlineData(Ascii)]
    [InlineData(Breaks)]
    public async Task Body_values_stay_values_in_every_body_kind(string value)
    {
        var (server, _) = await RunAsync(value);
        using var _server = server;

        Assert.Equal("field=" + Form(value), server.Requests[2].Body);
        Assert.Equal("a=" + Form(value) + "&b=2", server.Requests[3].Body);

        var boundary = server.Requests[4].Headers["Content-Type"].Split("boundary=")[1];
        Assert.Equal(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n{value}\r\n--{boundary}--\r\n",
            server.Requests[4].Body);

        using var json = JsonDocument.Parse(server.Requests[5].Body);
        Assert.Equal(
            new[] { ("inString", "<" + value + ">"), ("asValue", value) },
            json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToArray());

        var xml = new XmlDocument();
        xml.LoadXml(server.Requests[6].Body);
        Assert.Equal("v", xml.DocumentElement!.Name);
        Assert.Equal(value, xml.DocumentElement.GetAttribute("a"));
        Assert.Equal(value, xml.DocumentElement.InnerText);
        Assert.Single(xml.DocumentElement.ChildNodes);
    }

    [Fact]
    public async Task A_printable_header_value_is_sent_as_it_is_and_a_cookie_style_one_needing_encoding_is_refused()
    {
        var (server, result) = await RunAsync(Ascii);
        using var _server = server;

        Assert.Equal(Ascii, server.Requests[8].Headers["X-Simple"]);
        Assert.Equal(WorkflowFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Equal("plainCookie", result.Failure.StepId);
        Assert.Contains("use the form style", result.Failure.Message);
        Assert.Equal(9, server.RequestCount);
    }

    [Fact]
    public async Task A_header_value_with_a_line_break_or_outside_ascii_is_refused_before_sending()
    {
        var (server, result) = await RunAsync(Breaks);
        using var _server = server;

        Assert.Equal(WorkflowFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Equal("header", result.Failure.StepId);
        Assert.Equal(8, server.RequestCount);
        Assert.DoesNotContain("X-Injected", result.Failure.Message);

        (server, result) = await RunAsync("café");
        using var _other = server;
        Assert.Equal("header", result.Failure!.StepId);
        Assert.Contains("outside ASCII", result.Failure.Message);
    }
}
