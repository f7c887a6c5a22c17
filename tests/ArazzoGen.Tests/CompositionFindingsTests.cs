using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Inputs a newcomer used to break workflow composition, each pinned at what it now does.</summary>
public class CompositionFindingsTests
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

    private const string Header = """
        arazzo: 1.0.1
        info: { title: t, version: 1.0.0 }
        sourceDescriptions: [ { name: api, url: ./api.openapi.yaml } ]

        """;

    private static (GeneratorRunResult Result, Compilation Output) Run(params (string Path, string Text)[] documents)
    {
        var files = documents.Select(d => (AdditionalText)new InMemoryAdditionalText(d.Path, d.Text))
            .Append(new InMemoryAdditionalText("/p/api.openapi.yaml", Api))
            .ToImmutableArray();
        var (result, output, _) = GeneratorHarness.Run(files);
        Assert.Null(result.Exception);
        return (result, output);
    }

    [Fact]
    public void Three_ids_that_become_one_name_get_distinct_classes_and_records()
    {
        var (result, output) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - { workflowId: x, steps: [ { stepId: s, operationId: findPets } ] }
              - { workflowId: X, steps: [ { stepId: s, operationId: findPets } ] }
              - { workflowId: x_, steps: [ { stepId: s, operationId: findPets } ] }
            """));

        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "ARZ0016"));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var code = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("record X2Inputs", code);
        Assert.Contains("class X3Workflow", code);
    }

    [Fact]
    public void The_same_workflow_id_run_from_the_earlier_document_is_an_error_not_broken_code()
    {
        var (result, output) = Run(
            ("/p/a.arazzo.yaml", Header.Replace(
                "[ { name: api, url: ./api.openapi.yaml } ]",
                "[ { name: other, url: ./b.arazzo.yaml, type: arazzo } ]") + """
                workflows:
                  - workflowId: w
                    steps: [ { stepId: s, workflowId: $sourceDescriptions.other.w } ]
                """),
            ("/p/b.arazzo.yaml", Header + """
                workflows:
                  - { workflowId: w, steps: [ { stepId: s, operationId: findPets } ] }
                """));

        Assert.Contains(result.Diagnostics, d => d.Id == "ARZ0033");
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_recursive_inputs_schema_with_two_branches_is_read_once_per_component()
    {
        var (result, output) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - workflowId: w
                inputs: { $ref: '#/components/inputs/node' }
                steps: [ { stepId: s, operationId: findPets } ]
            components:
              inputs:
                node:
                  type: object
                  properties:
                    child: { $ref: '#/components/inputs/node' }
                    kids: { type: array, items: { $ref: '#/components/inputs/node' } }
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains(" Kids", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void A_reference_that_is_no_components_expression_is_an_error_at_the_value()
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: findPets
                    onSuccess: [ { reference: 5 } ]
            """));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0008", error.Id);
        Assert.Equal(9, error.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void A_step_with_both_an_operation_and_a_workflow_is_an_error()
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - { workflowId: v, steps: [ { stepId: s, operationId: findPets } ] }
              - workflowId: w
                steps: [ { stepId: s, operationId: findPets, workflowId: v } ]
            """));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0003", error.Id);
        Assert.Contains("must be set once, but it is set 2 times in step 's'", error.GetMessage());
    }

    [Fact]
    public void A_dependsOn_cycle_is_an_error_at_the_entry()
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - { workflowId: a, dependsOn: [b], steps: [ { stepId: s, operationId: findPets } ] }
              - { workflowId: b, dependsOn: [a], steps: [ { stepId: s, operationId: findPets } ] }
              - { workflowId: c, dependsOn: [c], steps: [ { stepId: s, operationId: findPets } ] }
            """));

        var errors = result.Diagnostics.Where(d => d.Id == "ARZ0035").Select(d => d.GetMessage()).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, m => m.Contains("(a -> b -> a)"));
        Assert.Contains(errors, m => m.Contains("(c -> c)"));
    }

    [Fact]
    public void An_absolute_source_path_that_is_itself_an_additional_file_needs_no_warning()
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header.Replace("./api.openapi.yaml", "/p/api.openapi.yaml") + """
            workflows:
              - { workflowId: w, steps: [ { stepId: s, operationId: findPets } ] }
            """));

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("\"\\u00e9 {$steps.zz.outputs.x}\"", 19)]
    [InlineData("\"\\\"q\\\" {$steps.zz.outputs.x}\"", 18)]
    [InlineData("'it''s {$steps.zz.outputs.x}'", 18)]
    [InlineData("\"plain {$steps.zz.outputs.x}\"", 18)]
    public void A_column_inside_a_quoted_string_counts_escapes_as_written(string value, int column)
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header + $$"""
            workflows:
              - workflowId: w
                steps: [ { stepId: s, operationId: findPets } ]
                outputs:
                  o: {{value}}
            """));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "ARZ0009");
        Assert.Equal(column, error.Location.GetLineSpan().StartLinePosition.Character + 1);
    }

    [Fact]
    public void Reading_the_outputs_of_a_workflow_in_a_cycle_says_so()
    {
        var (result, _) = Run(("/p/a.arazzo.yaml", Header + """
            workflows:
              - workflowId: a
                steps:
                  - stepId: s
                    operationId: findPets
                    outputs:
                      o: $workflows.a.outputs.x
                outputs:
                  x: $steps.s.outputs.o
            """));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "ARZ0009");
        Assert.Contains("'x' does not exist yet in workflow 'a'", error.GetMessage());
        Assert.Contains("break the cycle", error.GetMessage());
    }
}
