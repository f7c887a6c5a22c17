using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Warnings for documents that build but would not do what their author meant.</summary>
public class LintRuleTests
{
    private const string Api = """
        openapi: 3.1.0
        info: { title: api, version: 1.0.0 }
        paths:
          /pets:
            get:
              operationId: findPets
              responses: { '200': { description: ok } }
        """;

    private static GeneratorRunResult Run(string workflows)
    {
        var document = "arazzo: 1.0.1\ninfo: { title: t, version: 1.0.0 }\n"
                       + "sourceDescriptions: [ { name: api, url: ./api.openapi.yaml } ]\n" + workflows;
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/a.arazzo.yaml", document),
            new InMemoryAdditionalText("/p/api.openapi.yaml", Api));
        var (result, output, _) = GeneratorHarness.Run(files);
        Assert.Null(result.Exception);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return result;
    }

    private static string At(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().StartLinePosition;
        return $"{d.Id}@{span.Line + 1}:{span.Character + 1}";
    }

    [Fact]
    public void An_unknown_field_is_a_warning_at_its_key_with_a_suggestion_and_extensions_are_allowed()
    {
        var result = Run("""
            workflows:
              - workflowId: w
                x-team: payments
                steps:
                  - stepId: s
                    operationId: findPets
                    sucessCriteria: [ { condition: $statusCode == 200 } ]
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0036@10:9", At(warning));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("'sucessCriteria' is not a field of a step, so it is ignored; did you mean 'successCriteria'?",
            warning.GetMessage());
    }

    [Fact]
    public void A_field_beside_a_reference_is_a_warning()
    {
        var result = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: findPets
                    onSuccess: [ { reference: $components.successActions.done, name: other } ]
            components:
              successActions:
                done: { name: done, type: end }
            """);

        Assert.Equal(new[] { "ARZ0036@9:68" }, result.Diagnostics.Select(At));
    }

    [Fact]
    public void A_step_nothing_reaches_is_a_warning_at_its_id()
    {
        var result = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: a
                    operationId: findPets
                    onSuccess: [ { name: skip, type: goto, stepId: c } ]
                  - stepId: b
                    operationId: findPets
                  - stepId: c
                    operationId: findPets
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0037@10:17", At(warning));
        Assert.Contains("Step 'b' can never run", warning.GetMessage());
    }

    [Fact]
    public void A_step_reached_only_through_a_failure_action_or_a_retry_detour_is_reachable()
    {
        var result = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: a
                    operationId: findPets
                    onSuccess: [ { name: done, type: end } ]
                    onFailure:
                      - { name: login, type: retry, stepId: b, criteria: [ { condition: $statusCode == 401 } ] }
                      - { name: other, type: goto, stepId: c }
                  - stepId: b
                    operationId: findPets
                  - stepId: c
                    operationId: findPets
            """);

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_goto_loop_that_no_outcome_can_leave_is_a_warning_and_a_poll_with_an_exit_is_not()
    {
        var trapped = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: ping
                    operationId: findPets
                    onSuccess: [ { name: again, type: goto, stepId: pong } ]
                    onFailure: [ { name: anyway, type: goto, stepId: pong } ]
                  - stepId: pong
                    operationId: findPets
                    onSuccess: [ { name: back, type: goto, stepId: ping } ]
                    onFailure: [ { name: back-anyway, type: goto, stepId: ping } ]
            """);
        var polling = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: poll
                    operationId: findPets
                    onSuccess:
                      - { name: done, type: end, criteria: [ { condition: $response.body#/done == true } ] }
                      - { name: again, type: goto, stepId: poll }
            """);

        var warning = Assert.Single(trapped.Diagnostics);
        Assert.Equal("ARZ0038@7:17", At(warning));
        Assert.Contains("Steps 'ping', 'pong' loop with no way out", warning.GetMessage());
        Assert.Empty(polling.Diagnostics);
    }

    [Fact]
    public void Faults_the_linters_found_are_errors_at_their_place()
    {
        var names = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: findPets
                    outputs:
                      'bad name': $statusCode
            components:
              successActions:
                again: { name: again, type: retry }
            """);
        var end = Run("""
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: findPets
                    onSuccess: [ { name: done, type: end, stepId: s } ]
            """);

        Assert.Equal(new[] { "ARZ0003@13:33", "ARZ0003@10:11" }, names.Diagnostics.Select(At));
        var error = Assert.Single(end.Diagnostics);
        Assert.Equal("ARZ0003@9:55", At(error));
        Assert.Contains("'stepId' must be absent on end action 'done'", error.GetMessage());
    }

    [Fact]
    public void A_path_parameter_the_step_does_not_give_also_points_at_the_operation()
    {
        const string api = """
            openapi: 3.1.0
            info: { title: api, version: 1.0.0 }
            paths:
              /pets/{petId}:
                get:
                  operationId: getPet
                  parameters: [ { name: petId, in: path, required: true, schema: { type: string } } ]
                  responses: { '200': { description: ok } }
            """;
        var document = """
            arazzo: 1.0.1
            info: { title: t, version: 1.0.0 }
            sourceDescriptions: [ { name: api, url: ./api.openapi.yaml } ]
            workflows:
              - workflowId: w
                steps: [ { stepId: s, operationId: getPet } ]
            """;
        var (result, _, _) = GeneratorHarness.Run(ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/a.arazzo.yaml", document),
            new InMemoryAdditionalText("/p/api.openapi.yaml", api)));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0002", error.Id);
        var operation = Assert.Single(error.AdditionalLocations).GetLineSpan();
        Assert.Equal("/p/api.openapi.yaml", operation.Path);
        Assert.Equal((5, 5), (operation.StartLinePosition.Line + 1, operation.StartLinePosition.Character + 1));
    }
}
