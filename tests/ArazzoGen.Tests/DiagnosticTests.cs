using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

public class DiagnosticTests
{
    private const string ArazzoPath = "/project/arazzo/dust-run-app-and-poll.arazzo.yaml";

    private static string Where(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    [Fact]
    public void Malformed_yaml_is_an_error_at_its_line_and_column_and_nothing_throws()
    {
        var files = GeneratorHarness.SeedWith(text => text.Replace("  - stepId: pollRun", "  - stepId: [pollRun"));
        var (result, _, _) = GeneratorHarness.Run(files);

        Assert.Null(result.Exception);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0001", error.Id);
        Assert.Equal(ArazzoPath, error.Location.GetLineSpan().Path);
        Assert.Equal($"{ArazzoPath}(88,17)", Where(error)); // the '[' that is never closed
        Assert.Contains("not valid YAML or JSON", error.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void An_operation_path_that_resolves_to_nothing_is_an_error_at_the_operation_path()
    {
        var files = GeneratorHarness.SeedWith(text => text.Replace("~1runs~1{runId}/get", "~1runz~1{runId}/get"));
        var (result, _, _) = GeneratorHarness.Run(files);

        Assert.Null(result.Exception);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0007", error.Id);
        Assert.Equal($"{ArazzoPath}(92,25)", Where(error));
        Assert.Contains(
            "Step 'pollRun' targets the operation at "
            + "'/paths/~1api~1v1~1w~1{wId}~1spaces~1{spaceId}~1apps~1{aId}~1runz~1{runId}/get'",
            error.GetMessage());
        Assert.Contains("did you mean '/api/v1/w/{wId}/spaces/{spaceId}/apps/{aId}/runs/{runId}'", error.GetMessage());
    }

    [Fact]
    public void An_unknown_step_output_is_an_error_with_a_suggestion_at_its_column()
    {
        var files = GeneratorHarness.SeedWith(text => text.Replace(
            "value: $steps.createRun.outputs.runId",
            "value: $steps.createRun.outputs.runID"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0009", error.Id);
        Assert.Equal($"{ArazzoPath}(108,20)", Where(error));
        Assert.Contains("did you mean 'runId'", error.GetMessage());
    }

    [Fact]
    public void A_malformed_condition_is_an_error_at_the_column_inside_the_string()
    {
        var files = GeneratorHarness.SeedWith(text => text.Replace(
            "- condition: $statusCode == 200\n        outputs:\n          runId",
            "- condition: $statusCode === 200\n        outputs:\n          runId"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0010", error.Id);
        Assert.Equal($"{ArazzoPath}(85,38)", Where(error));
    }

    [Fact]
    public void A_missing_openapi_file_names_the_path_it_looked_for()
    {
        var files = GeneratorHarness.SeedFiles().RemoveAt(1);
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0005", error.Id);
        Assert.Contains("/project/openapi/dust-apps-api-openapi.yml", error.GetMessage());
        Assert.Equal($"{ArazzoPath}(15,10)", Where(error));
    }

    [Fact]
    public void A_broken_workflow_does_not_stop_its_neighbour_from_generating()
    {
        const string PollTarget = "{$sourceDescriptions.appsApi.url}#/paths/"
            + "~1api~1v1~1w~1{wId}~1spaces~1{spaceId}~1apps~1{aId}~1runs~1{runId}/get";
        const string Document = $$"""
            arazzo: 1.0.1
            info:
              title: two
              version: 1.0.0
            sourceDescriptions:
              - name: appsApi
                url: ../openapi/dust-apps-api-openapi.yml
                type: openapi
            workflows:
              - workflowId: broken
                steps:
                  - stepId: a
                    operationPath: '{$sourceDescriptions.appsApi.url}#/paths/~1nowhere/get'
              - workflowId: fine
                inputs:
                  type: object
                  properties:
                    wId: { type: string }
                steps:
                  - stepId: get
                    operationPath: '{{PollTarget}}'
                    parameters:
                      - { name: wId, in: path, value: $inputs.wId }
                      - { name: spaceId, in: path, value: s }
                      - { name: aId, in: path, value: a }
                      - { name: runId, in: path, value: r }
            """;
        var files = GeneratorHarness.SeedFiles()
            .SetItem(0, new InMemoryAdditionalText("/project/arazzo/two.arazzo.yaml", Document));
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.Equal("ARZ0007", Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error).Id);
        var source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("class FineWorkflow", source);
        Assert.DoesNotContain("BrokenWorkflow", source);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    private const string NestedAliases = "arazzo: 1.0.1\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";

    [Theory]
    [InlineData("")]
    [InlineData("arazzo: 1.0.1")]
    [InlineData("arazzo: [1]\n")]
    [InlineData("arazzo: 1.0.1\nworkflows: 7\nsourceDescriptions: {}\ninfo: x\n")]
    [InlineData("{\"arazzo\": \"1.0.1\", \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": 3}]}]}")]
    [InlineData("arazzo: 1.1.0\ninfo: {title: t, version: v}\nsourceDescriptions: []\nworkflows: []\n")]
    [InlineData(NestedAliases)]
    [InlineData("arazzo: 1.0.1\n\tbad: tab")]
    public void Bad_documents_give_diagnostics_not_exceptions(string text)
    {
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/x.arazzo.yaml", text));
        var (result, _, _) = GeneratorHarness.Run(files);

        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "ARZ0017" or "CS8785" or "CS8784");
        Assert.All(result.Diagnostics, d => Assert.StartsWith("ARZ", d.Id));
        if (text.Length > 0)
        {
            Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void An_empty_step_list_is_an_error_and_the_workflow_is_not_generated()
    {
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/empty.arazzo.yaml",
            "arazzo: 1.0.1\ninfo: {title: t, version: v}\nsourceDescriptions: []\n"
            + "workflows:\n  - workflowId: w\n    steps: []\n"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0003", error.Id);
        Assert.Equal("/p/empty.arazzo.yaml(6,12)", Where(error));
        Assert.Contains("a list of at least one step", error.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void An_arazzo_1_1_document_gets_a_clear_version_message()
    {
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/next.yaml",
            "arazzo: 1.1.0\ninfo: {title: t, version: v}\nsourceDescriptions: []\nworkflows: []\n"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0004", error.Id);
        Assert.Equal("/p/next.yaml(1,9)", Where(error));
        Assert.Contains("Arazzo 1.0.x", error.GetMessage());
    }
}
