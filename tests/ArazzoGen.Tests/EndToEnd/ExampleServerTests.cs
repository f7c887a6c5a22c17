using System;
using System.Collections.Generic;
using System.Net;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArazzoGen.Tests.EndToEnd.Support;
using Xunit;

namespace ArazzoGen.Tests.EndToEnd;

/// <summary>The example server the corpus rows run against: which operation answers, and with what.</summary>
public sealed class ExampleServerTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /items/{id}:
            get:
              operationId: getItem
              responses:
                '404': { description: missing }
                '200':
                  description: ok
                  headers:
                    X-Rate: { schema: { type: integer, example: 5 } }
                  content:
                    application/xml: { example: '<item/>' }
                    application/json:
                      examples:
                        first: { value: { id: a1 } }
                        second: { value: { id: b2 } }
          /items/latest:
            get:
              operationId: getLatest
              responses:
                '201':
                  description: made up from the schema
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          when: { type: string, format: date-time }
                          count: { type: integer }
                          kind: { type: string, enum: [new, old] }
                          tags: { type: array, items: { type: string } }
                          state:
                            allOf:
                              - properties: { a: { type: boolean } }
                              - properties: { b: { type: number } }
            delete:
              operationId: dropLatest
              responses:
                '204': { description: gone }
        """;

    [Fact]
    public void The_first_2xx_answers_with_its_json_example_and_declared_headers()
    {
        var answer = Api().Answer("GET", "/items/x9");

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("""{"id":"a1"}""", answer.Body);
        Assert.Equal("5", answer.Headers["X-Rate"]);
    }

    [Fact]
    public void A_path_without_parameters_wins_and_a_value_is_made_from_its_schema()
    {
        var answer = Api().Answer("GET", "/items/latest");

        Assert.Equal(201, answer.Status);
        Assert.Equal(
            """{"when":"2024-01-01T00:00:00Z","count":1,"kind":"new","tags":["string"],"state":{"a":true,"b":1.5}}""",
            answer.Body);
    }

    [Theory]
    [InlineData("DELETE", "/items/latest", 204)]
    [InlineData("POST", "/items/latest", 405)]
    [InlineData("GET", "/things", 404)]
    [InlineData("GET", "/items/a/b", 404)]
    public void Status_for_a_method_and_a_path(string method, string path, int status)
        => Assert.Equal(status, Api().Answer(method, path).Status);

    [Fact]
    public void An_override_replaces_only_what_it_sets_and_is_reported_as_used()
    {
        var used = new HashSet<string>();
        var overrides = new Dictionary<string, AnswerOverride>
        {
            ["getItem"] = new() { Why = "w", Status = 500 },
            ["GET /items/latest"] = new() { Why = "w", Body = JsonDocument.Parse("[1]").RootElement },
        };
        var api = ExampleApi.Load("/api", "doc.yaml", Document, overrides, used);

        var item = api.Answer("GET", "/items/1");
        var latest = api.Answer("GET", "/items/latest");
        Assert.Equal((500, """{"id":"a1"}"""), (item.Status, item.Body));
        Assert.Equal((201, "[1]"), (latest.Status, latest.Body));
        Assert.Equal(new[] { "GET /items/latest", "getItem" }, new SortedSet<string>(used, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_server_serves_each_document_under_its_prefix_and_records_every_request()
    {
        await using var server = await ExampleServer.StartAsync(new[] { Api() });
        using var http = new HttpClient();

        using var found = await http.GetAsync(new Uri(server.BaseAddress, "api/items/7?x=1"));
        using var outside = await http.PostAsync(new Uri(server.BaseAddress, "other/items/7"), new StringContent("hi"));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("""{"id":"a1"}""", await found.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(
            new[] { ("GET", "/api/items/7?x=1", ""), ("POST", "/other/items/7", "hi") },
            server.Requests.Select(r => (r.Method, r.Target, r.Body)));
    }

    private static ExampleApi Api()
        => ExampleApi.Load(
            "/api", "doc.yaml", Document, new Dictionary<string, AnswerOverride>(), new HashSet<string>());
}
