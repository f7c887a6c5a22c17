using System.Linq;
using ArazzoGen.OpenApi;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>What the index keeps from OpenAPI 3.0, 3.1 and 3.2 documents and from Swagger 2.0 ones.</summary>
public class OpenApiIndexTests
{
    private const string Operation3 = """
        info: { title: t, version: '1' }
        servers:
          - url: 'https://{host}:{port}/api'
            variables:
              host: { default: api.example.com }
              port: { default: '8443', enum: ['8443', '443'] }
          - url: https://second.example.com
        paths:
          /c/{color}:
            parameters:
              - { name: color, in: path, required: true, style: label, explode: true, schema: { type: array } }
            post:
              operationId: c
              parameters:
                - { name: deep, in: query, style: deepObject, explode: true, schema: { type: object } }
                - { name: raw, in: query, allowReserved: true, schema: { type: string } }
                - { name: plain, in: query, schema: { type: string } }
                - { name: flat, in: query, explode: false, schema: { type: array } }
                - { name: session, in: cookie, schema: { type: string } }
                - { name: X-Ids, in: header, schema: { type: array } }
              requestBody:
                content:
                  text/plain: { schema: { type: string } }
                  application/vnd.api+json: { schema: { type: object } }
              responses: { '200': { description: ok } }
          /any:
            post:
              operationId: any
              requestBody:
                content:
                  '*/*': { schema: {} }
              responses: { '200': { description: ok } }
        """;

    private static OpenApiIndex Index(string text)
    {
        var index = OpenApiIndexer.Index("/p/api.yaml", text, "yaml", out var error);
        Assert.Null(error);
        return index!;
    }

    private static (string? Style, bool? Explode, bool AllowReserved) Parameter(OperationInfo operation, string name)
    {
        var parameter = operation.Parameters.Single(p => p.Name == name);
        return (parameter.Style, parameter.Explode, parameter.AllowReserved);
    }

    [Theory]
    [InlineData("3.0.3", "OpenApi3_0")]
    [InlineData("3.1.1", "OpenApi3_1")]
    [InlineData("3.2.0", "OpenApi3_2")]
    public void OpenApi_3_documents_index_servers_styles_and_request_content_types(string version, string spec)
    {
        var index = Index($"openapi: {version}\n" + Operation3);

        Assert.Equal(spec, index.SpecVersion);
        Assert.Equal("https://api.example.com:8443/api", index.DefaultServer);
        var operation = index.Operations.Single(o => o.OperationId == "c");
        Assert.Equal(("label", true, false), Parameter(operation, "color"));
        Assert.Equal(("deepObject", true, false), Parameter(operation, "deep"));
        Assert.Equal(("form", true, true), Parameter(operation, "raw"));
        Assert.Equal(("form", true, false), Parameter(operation, "plain"));
        Assert.Equal(("form", false, false), Parameter(operation, "flat"));
        Assert.Equal(("form", true, false), Parameter(operation, "session"));
        Assert.Equal(("simple", false, false), Parameter(operation, "X-Ids"));

        // JSON is preferred among several; a wildcard is no content type to send.
        Assert.Equal("application/vnd.api+json", operation.RequestContentType);
        Assert.Null(index.Operations.Single(o => o.OperationId == "any").RequestContentType);
    }

    [Fact]
    public void OpenApi_3_2_has_the_cookie_style()
    {
        var index = Index("""
            openapi: 3.2.0
            info: { title: t, version: '1' }
            paths:
              /x:
                get:
                  parameters:
                    - { name: c, in: cookie, style: cookie, schema: { type: array } }
                  responses: { '200': { description: ok } }
            """);

        Assert.Equal(("cookie", true, false), Parameter(index.Operations.Single(), "c"));
    }

    private const string Swagger = """
        swagger: '2.0'
        info: { title: t, version: '1' }
        host: api.example.com:8080
        basePath: /v2
        schemes: [https, http]
        consumes: [application/xml, application/json]
        parameters:
          shared: { name: shared, in: query, type: array, items: { type: string }, collectionFormat: multi }
        paths:
          /pets/{id}:
            parameters:
              - { name: id, in: path, required: true, type: array, items: { type: string } }
              - { name: overridden, in: query, type: array, items: { type: string }, collectionFormat: multi }
            post:
              operationId: add
              parameters:
                - { name: csv, in: query, type: array, items: { type: string } }
                - { name: multi, in: query, type: array, items: { type: string }, collectionFormat: multi }
                - { name: ssv, in: query, type: array, items: { type: string }, collectionFormat: ssv }
                - { name: pipes, in: query, type: array, items: { type: string }, collectionFormat: pipes }
                - { name: overridden, in: query, type: array, items: { type: string }, collectionFormat: csv }
                - { name: X-Tags, in: header, type: array, items: { type: string } }
                - $ref: '#/parameters/shared'
                - { name: body, in: body, schema: { type: object } }
              responses: { '200': { description: ok } }
          /forms:
            post:
              operationId: form
              consumes: [application/x-www-form-urlencoded]
              parameters:
                - { name: a, in: formData, type: string }
              responses: { '200': { description: ok } }
        """;

    [Fact]
    public void Swagger_2_gives_the_server_the_content_types_and_the_collection_formats()
    {
        var index = Index(Swagger);

        Assert.Equal("OpenApi2_0", index.SpecVersion);
        Assert.Equal("https://api.example.com:8080/v2", index.DefaultServer);
        var add = index.Operations.Single(o => o.OperationId == "add");
        Assert.Equal("application/json", add.RequestContentType);
        Assert.Equal(("form", false, false), Parameter(add, "csv"));
        Assert.Equal(("form", true, false), Parameter(add, "multi"));
        Assert.Equal(("spaceDelimited", false, false), Parameter(add, "ssv"));
        Assert.Equal(("pipeDelimited", false, false), Parameter(add, "pipes"));
        Assert.Equal(("form", false, false), Parameter(add, "overridden"));
        Assert.Equal(("form", true, false), Parameter(add, "shared"));
        Assert.Equal(("simple", false, false), Parameter(add, "X-Tags"));
        Assert.Equal(("simple", false, false), Parameter(add, "id"));

        // Body and formData parameters are the request body, not parameters.
        Assert.DoesNotContain(add.Parameters, p => p.Name == "body");
        var form = index.Operations.Single(o => o.OperationId == "form");
        Assert.Empty(form.Parameters);
        Assert.Equal("application/x-www-form-urlencoded", form.RequestContentType);
    }

    [Fact]
    public void A_swagger_tab_separated_collection_format_is_an_unreadable_document_with_the_reason()
    {
        var text = Swagger.Replace("collectionFormat: ssv", "collectionFormat: tsv");

        Assert.Null(OpenApiIndexer.Index("/p/api.yaml", text, "yaml", out var error));
        Assert.Equal(
            "collectionFormat 'tsv' (tab-separated values) has no OpenAPI 3 style and is not supported",
            error);
    }

    private const string Tree = """
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /trees/{id}:
            get:
              operationId: tree
              responses:
                '404': { description: no, content: { application/json: { schema: { type: string } } } }
                '200':
                  description: ok
                  content:
                    application/json: { schema: { $ref: '#/components/schemas/Node' } }
          /forests:
            get:
              operationId: forest
              responses:
                '201':
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#/components/schemas/Node' } }
            post:
              operationId: plant
              requestBody:
                content:
                  application/json: { schema: { $ref: '#/components/schemas/Node' } }
              responses: { '204': { description: ok } }
          /owners:
            post:
              operationId: adopt
              requestBody:
                content:
                  application/json: { schema: { $ref: '#/components/schemas/Owner' } }
                  application/xml: { schema: { type: object, properties: { key: { format: password } } } }
              responses: { '204': { description: ok } }
        components:
          schemas:
            Node:
              type: object
              properties:
                size: { type: integer, format: int32 }
                a/b: { type: boolean }
                '*': { type: number }
                children: { type: array, items: { $ref: '#/components/schemas/Node' } }
                parent: { $ref: '#/components/schemas/Node' }
                owner: { $ref: '#/components/schemas/Owner' }
            Owner:
              type: object
              properties:
                name: { type: string }
                secret: { type: string, format: password }
                backup: { $ref: '#/components/schemas/Node' }
        """;

    private static string? TypeAt(OpenApiIndex index, string operationId, string pointer)
    {
        var body = index.Operations.Single(o => o.OperationId == operationId).Responses.Single();
        return ResponseSchema.TypeAt(index.Schemas, body.Schema, pointer, indexesAsItems: false)
               ?? ResponseSchema.TypeAt(index.Schemas, body.Schema, pointer, indexesAsItems: true);
    }

    [Fact]
    public void Response_types_are_read_through_references_and_cycles_at_any_depth()
    {
        var index = Index(Tree);

        Assert.Equal("200", index.Operations.Single(o => o.OperationId == "tree").Responses.Single().Status);
        Assert.Equal("int", TypeAt(index, "tree", "/size"));
        Assert.Equal("json", TypeAt(index, "tree", ""));
        Assert.Equal("bool", TypeAt(index, "tree", "/a~1b"));
        // A property called '*' comes before the items; an index reaches the items.
        Assert.Equal("double", TypeAt(index, "tree", "/*"));
        Assert.Equal("int", TypeAt(index, "tree", "/children/3/size"));
        Assert.Equal("int", TypeAt(index, "tree", "/children/*/size"));
        // Twelve levels through the cycle Node → parent → Node and Node → owner → backup → Node.
        Assert.Equal("int", TypeAt(index, "tree", string.Concat(Enumerable.Repeat("/parent", 12)) + "/size"));
        Assert.Equal("string", TypeAt(index, "tree", "/owner/backup/children/0/owner/backup/owner/name"));
        Assert.Null(TypeAt(index, "tree", "/size/more"));
        Assert.Null(TypeAt(index, "tree", "/unknown"));
        Assert.Null(TypeAt(index, "tree", "size"));
        Assert.Equal("json", TypeAt(index, "forest", "/0"));
        Assert.Equal("bool", TypeAt(index, "forest", "/0/parent/a~1b"));

        // Each schema is one entry however many references and operations reach it: the two arrays, Node, Owner
        // and the five scalar properties.
        Assert.Equal(9, index.Schemas.Count);
    }

    [Fact]
    public void Password_fields_are_found_through_references_and_cycles_at_any_depth()
    {
        var index = Index(Tree.Replace(
            "secret: { type: string, format: password }",
            "secret: { type: string, format: password }\n        deep: { $ref: '#/components/schemas/Deep' }",
            System.StringComparison.Ordinal) + "\n" + """
                Deep: { type: object, properties: { d: { $ref: '#/components/schemas/Deeper' } } }
                Deeper: { type: array, items: { allOf: [ { $ref: '#/components/schemas/Deepest' } ] } }
                Deepest: { type: object, properties: { PIN: { type: string, format: Password } } }
            """);

        Assert.Equal(new[] { "pin", "secret" }, index.Operations.Single(o => o.OperationId == "plant").PasswordFields);
        // Owner and Node reach each other: either as a body reaches what the other does; every media type counts.
        Assert.Equal(new[] { "key", "pin", "secret" },
            index.Operations.Single(o => o.OperationId == "adopt").PasswordFields);
        Assert.Empty(index.Operations.Single(o => o.OperationId == "tree").PasswordFields);
    }

    [Fact]
    public void Operations_are_located_in_yaml_and_in_indented_json()
    {
        var yaml = Index(Tree);
        var get = yaml.Operations.Single(o => o.OperationId == "tree").Location!.Value;
        Assert.Equal((4, 4, 3), (get.StartLine, get.StartColumn, get.Length));
        var post = yaml.Operations.Single(o => o.OperationId == "plant").Location!.Value;
        Assert.Equal((21, 4, 4), (post.StartLine, post.StartColumn, post.Length));

        const string Json = """
            {
              "openapi": "3.0.3",
              "info": { "title": "t", "version": "1" },
              "paths": {
                "/a/{b}:c" : {
                  "get": { "operationId": "g", "responses": { "200": { "description": "ok" } } },
                  "put" : { "operationId": "p", "responses": { "200": { "description": "ok" } } }
                }
              }
            }
            """;
        var json = OpenApiIndexer.Index("/p/api.json", Json, "json", out _)!;
        Assert.Equal((5, 7, 3), Where(json, "g"));
        Assert.Equal((6, 7, 3), Where(json, "p"));
    }

    private static (int Line, int Column, int Length) Where(OpenApiIndex index, string operationId)
    {
        var span = index.Operations.Single(o => o.OperationId == operationId).Location!.Value;
        return (span.StartLine, span.StartColumn, span.Length);
    }

    [Fact]
    public void References_to_nothing_or_only_to_each_other_say_nothing_and_break_nothing()
    {
        var index = Index("""
            openapi: 3.0.3
            info: { title: t, version: '1' }
            paths:
              /items:
                post:
                  operationId: add
                  requestBody:
                    content:
                      application/json: { schema: { $ref: '#/components/schemas/A' } }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              a: { $ref: '#/components/schemas/A' }
                              self: { $ref: '#/components/schemas/Self' }
                              missing: { $ref: '#/components/schemas/Missing' }
                              n: { type: integer }
            components:
              schemas:
                A: { $ref: '#/components/schemas/B' }
                B: { $ref: '#/components/schemas/A' }
                Self: { $ref: '#/components/schemas/Self' }
            """);

        var operation = index.Operations.Single();
        Assert.Empty(operation.PasswordFields);
        var body = operation.Responses.Single();
        Assert.Equal("json", ResponseSchema.TypeAt(index.Schemas, body.Schema, "/a", indexesAsItems: false));
        Assert.Equal("json", ResponseSchema.TypeAt(index.Schemas, body.Schema, "/self", indexesAsItems: false));
        Assert.Equal("json", ResponseSchema.TypeAt(index.Schemas, body.Schema, "/missing", indexesAsItems: false));
        Assert.Null(ResponseSchema.TypeAt(index.Schemas, body.Schema, "/missing/c", indexesAsItems: false));
        Assert.Equal("long", ResponseSchema.TypeAt(index.Schemas, body.Schema, "/n", indexesAsItems: false));
    }

    [Fact]
    public void A_parameter_that_is_only_a_reference_to_itself_makes_the_document_unreadable_with_the_reason()
    {
        const string Text = """
            openapi: 3.0.3
            info: { title: t, version: '1' }
            paths:
              /items:
                get:
                  operationId: list
                  parameters: [ { $ref: '#/components/parameters/P' } ]
                  responses: { '200': { description: ok } }
            components:
              parameters:
                P: { $ref: '#/components/parameters/Q' }
                Q: { $ref: '#/components/parameters/P' }
            """;

        var file = ArazzoGen.Reading.DocumentReader.Read("/p/api.yaml", Text, System.Threading.CancellationToken.None);

        // Never an internal error: a document, or the reason it cannot be used, on the file.
        Assert.DoesNotContain(file.Diagnostics, d => d.Id == "ARZ0017");
        Assert.True(file.OpenApi is not null || file.Diagnostics.Any(d => d.Id == "ARZ0006"));
    }
}
