using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>What the generator reports, at build time, about parameters, bodies, replacements and $request.</summary>
public class RequestDiagnosticTests
{
    private const string ArazzoPath = "/project/api.arazzo.yaml";

    private const string OpenApi = """
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /items/{id}:
            post:
              operationId: update
              parameters:
                - { name: id, in: path, required: true, style: form, schema: { type: string } }
              responses: { '200': { description: ok } }
          /items:
            post:
              operationId: create
              parameters:
                - { name: q, in: query, schema: { type: string } }
              requestBody:
                content:
                  application/json: { schema: { type: object } }
              responses: { '200': { description: ok } }
        """;

    /// <summary>Runs the generator over a workflow whose steps are <paramref name="steps"/> (YAML, indent 6).</summary>
    internal static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) Run(string steps, string extra = "")
    {
        var arazzo = $$"""
            arazzo: 1.0.1
            info: { title: t, version: '1' }
            sourceDescriptions:
              - { name: api, url: ./api.openapi.yaml, type: openapi }
            workflows:
              - workflowId: w
                inputs: { type: object, properties: { x: { type: object }, s: { type: string } } }
            {{extra}}    steps:
            {{steps}}
            """;
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText(ArazzoPath, arazzo),
            new InMemoryAdditionalText("/project/api.openapi.yaml", OpenApi));
        var (result, output, _) = GeneratorHarness.Run(files);
        Assert.Null(result.Exception);
        return (result.Diagnostics, output);
    }

    private static Diagnostic Error(ImmutableArray<Diagnostic> diagnostics)
        => Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);

    internal static string Where(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    private const string Create = "      - stepId: c\n        operationId: create\n";

    [Fact]
    public void A_replacement_target_missing_from_the_payload_is_an_error_at_the_target()
    {
        var (diagnostics, output) = Run(Create + """
                    requestBody:
                      payload: { a: { b: 1 }, list: [1, 2], fromInput: $inputs.x }
                      replacements:
                        - { target: /a/b, value: 2 }
                        - { target: /list/1, value: 3 }
                        - { target: /fromInput/deep/er, value: 4 }
                        - { target: /a/c, value: 5 }
            """);

        var error = Error(diagnostics);
        Assert.Equal("ARZ0009", error.Id);
        Assert.Equal("(17,25)", Where(error)); // the target itself
        Assert.Contains("Replacement target '/a/c' does not exist in the request payload", error.GetMessage());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Theory]
    [InlineData("application/json", "'{\"a\": {$inputs.s}'", "/a", "must be JSON text for content type")]
    [InlineData("application/xml", "'<a><b/></c>'", "/a", "must be well-formed XML")]
    [InlineData("application/xml", "'<a><b/></a>'", "/a/c", "Replacement target '/a/c' does not exist")]
    [InlineData("application/xml", "'<a><b/></a>'", "/a/[", "must be an XPath 1.0 expression")]
    [InlineData("application/xml", "'<a><b/></a>'", "count(/a)", "evaluates to a Number, not to nodes")]
    [InlineData("multipart/form-data", "'a=1'", "/a", "must be an object for content type multipart/form-data")]
    [InlineData("text/plain", "'a {$inputs.s}'", "/a", "'replacements' must be used on a JSON or XML body")]
    [InlineData("json", "'{}'", "/a", "'contentType' must be a media type such as application/json")]
    [InlineData("application/json", "'{\"a\": [1]}'", "a", "must be a JSON Pointer")]
    public void Bodies_that_cannot_work_are_errors(string contentType, string payload, string target, string message)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    requestBody:
                      contentType: {{contentType}}
                      payload: {{payload}}
                      replacements:
                        - { target: '{{target}}', value: 1 }
            """);

        Assert.Contains(message, Error(diagnostics).GetMessage());
    }

    [Fact]
    public void Targets_of_templates_that_exist_or_lie_inside_an_expression_are_accepted()
    {
        var (diagnostics, output) = Run(Create + """
                    requestBody:
                      contentType: application/json
                      payload: '{"a": {"b": "{$inputs.s}"}, "x": {$inputs.x}}'
                      replacements:
                        - { target: /a/b, value: 1 }
                        - { target: /x/anything, value: 2 }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_style_the_location_does_not_allow_is_an_error_naming_the_operation()
    {
        var (diagnostics, _) = Run("""
                  - stepId: u
                    operationId: update
                    parameters:
                      - { name: id, in: path, value: '1' }
            """);

        var message = Error(diagnostics).GetMessage();
        Assert.Contains("for the path parameter 'id' (declared by POST /items/{id})", message);
        Assert.Contains("must be simple, label, matrix", message);
    }

    [Theory]
    [InlineData("body", "a Swagger 2.0 body parameter is written as the step's requestBody")]
    [InlineData("formData", "a Swagger 2.0 formData parameter is written as the step's requestBody")]
    [InlineData("matrix", "'in' must be path, query, header or cookie")]
    public void A_location_arazzo_does_not_have_is_an_error(string location, string message)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    parameters:
                      - { name: p, in: {{location}}, value: 1 }
            """);

        Assert.Contains(message, Error(diagnostics).GetMessage());
    }

    [Fact]
    public void A_workflow_parameter_is_checked_once_however_many_steps_use_it()
    {
        var (diagnostics, _) = Run(
            Create + "      - stepId: d\n        operationId: create\n",
            "    parameters:\n      - { name: p, in: body, value: $inputs.nope }\n");

        Assert.Equal("ARZ0003", Error(diagnostics).Id);
    }

    [Fact]
    public void A_parameter_given_twice_is_an_error_and_header_names_compare_without_case()
    {
        var (diagnostics, _) = Run(Create + """
                    parameters:
                      - { name: X-A, in: header, value: 1 }
                      - { name: x-a, in: header, value: 2 }
            """);

        var error = Error(diagnostics);
        Assert.Equal("ARZ0015", error.Id);
        Assert.Contains("Header parameter 'x-a' is defined more than once", error.GetMessage());
    }

    [Theory]
    [InlineData("$request.query.r == 1", "parameter 'r' does not exist in the request of step 'c'; did you mean 'q'?")]
    [InlineData("$request.path.id == 1", "Path parameter 'id' does not exist (step 'c' sends no path parameters)")]
    [InlineData("$request.header.Accept == 1", "Request header 'Accept' does not exist")]
    [InlineData("$request.body == 1", "Request body of step 'c' does not exist (the step sends no requestBody)")]
    [InlineData("$request.cookie.a == 1", "the request is read as $request.header.<name>")]
    public void Request_expressions_name_what_the_step_sends(string condition, string message)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    parameters:
                      - { name: q, in: query, value: 1 }
                    successCriteria:
                      - condition: {{condition}}
            """);

        Assert.Contains(message, Error(diagnostics).GetMessage());
    }

    [Fact]
    public void The_request_is_not_read_while_it_is_built()
    {
        var (diagnostics, _) = Run(Create + """
                    parameters:
                      - { name: q, in: query, value: $request.header.X }
            """);

        var error = Error(diagnostics);
        Assert.Equal("ARZ0008", error.Id);
        Assert.Contains("after it was sent", error.GetMessage());
    }

    [Fact]
    public void Request_expressions_compile_in_criteria_actions_and_outputs()
    {
        var (diagnostics, output) = Run(Create + """
                    parameters:
                      - { name: q, in: query, value: $inputs.s }
                      - { name: Session, in: cookie, value: abc }
                    requestBody:
                      payload: { a: 1 }
                    successCriteria:
                      - condition: $request.query.q != null && $request.header.cookie != null
                    onSuccess:
                      - name: stop
                        type: end
                        criteria:
                          - condition: $request.body#/a == 1 && $request.header.content-type != null
                          - condition: $method == 'POST'
                    outputs:
                      url: $url
                      a: $request.body#/a
            """);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
