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
    public void A_condition_of_twenty_thousand_terms_is_one_short_error_where_it_crosses_the_limit()
    {
        var terms = string.Join(" && ", System.Linq.Enumerable.Repeat("$statusCode == 200", 20_000));
        var files = GeneratorHarness.SeedWith(text => ReplaceFirst(text, "condition: $statusCode == 200",
            "condition: " + terms));
        var (result, _, _) = GeneratorHarness.Run(files);

        Assert.Null(result.Exception);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0010", error.Id);
        // The 101st '&&' of the condition, which starts at column 24 of line 85.
        var column = 24 + string.Join(" && ", System.Linq.Enumerable.Repeat("$statusCode == 200", 101)).Length + 1;
        Assert.Equal($"{ArazzoPath}(85,{column})", Where(error));
        Assert.InRange(error.GetMessage().Length, 100, 1_000);
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, System.StringComparison.Ordinal);
        return text.Substring(0, at) + replacement + text.Substring(at + old.Length);
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

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("title: not arazzo\n")]
    public void A_file_named_like_arazzo_without_an_arazzo_field_is_an_error(string text)
    {
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/flow.arazzo.yaml", text));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0002", error.Id);
        Assert.Equal("/p/flow.arazzo.yaml(1,1)", Where(error));
        Assert.Contains("'arazzo'", error.GetMessage());
    }

    [Fact]
    public void Other_yaml_files_without_an_arazzo_field_are_left_alone()
    {
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/settings.yaml", "a: 1\n"));

        Assert.Empty(GeneratorHarness.Run(files).Result.Diagnostics);
    }

    [Fact]
    public void A_second_yaml_document_in_an_arazzo_file_is_an_error_where_it_starts()
    {
        var files = GeneratorHarness.SeedWith(text => text + "---\narazzo: 1.0.1\n");
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0001", error.Id);
        Assert.Equal($"{ArazzoPath}(139,1)", Where(error));
        Assert.Contains("more than one YAML document", error.GetMessage());
    }

    [Fact]
    public void An_empty_workflow_id_is_an_error_and_an_unusual_step_id_a_warning()
    {
        var files = GeneratorHarness.SeedWith(text => text
            .Replace("workflowId: run-app-and-poll", "workflowId: ''"));
        var (result, _, _) = GeneratorHarness.Run(files);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0003", error.Id);
        Assert.Equal($"{ArazzoPath}(18,18)", Where(error));

        // The id works where it is named whole (a goto), though no runtime expression can name it.
        files = GeneratorHarness.SeedWith(text => text
            .Replace("stepId: pollRun", "stepId: poll.run")
            .Replace("      runStatus: $steps.pollRun.outputs.runStatus\n", string.Empty)
            .Replace("      results: $steps.pollRun.outputs.results", string.Empty));
        (result, var output, _) = GeneratorHarness.Run(files);
        var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.Equal(new[] { "ARZ0019" }, warnings.Select(d => d.Id));
        Assert.Equal($"{ArazzoPath}(88,17)", Where(warnings[0]));
        Assert.Single(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_limit_exceeded_in_one_step_reports_only_that()
    {
        const string Bomb = "            bomb: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "            b2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "            b3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "            b4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "            b5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "            b6: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        var files = GeneratorHarness.SeedWith(text => text.Replace(
            "            stream: false\n",
            "            stream: false\n" + Bomb));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0018", error.Id);
        Assert.Empty(result.GeneratedSources);
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
