using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Document text that must never break, or break out of, the generated C#.</summary>
public class GeneratedCodeSafetyTests
{
    [Theory]
    [InlineData("\\u2028")]
    [InlineData("\\u2029")]
    [InlineData("\\N")]
    public void Line_separators_in_document_text_cannot_end_a_comment(string separator)
    {
        var files = GeneratorHarness.SeedWith(text => text
            .Replace(
                "description: Dust API key used as the Bearer token.",
                $"description: \"key{separator}}}}} class X {{ }}\"")
            .Replace(
                "summary: Create an app run and poll the run until it completes.",
                $"summary: \"a{separator}}}}}\"")
            .Replace("- name: stillRunning", $"- name: \"still{separator}Running\""));
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.Single(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Theory]
    [InlineData("equalityContract")]
    [InlineData("toString")]
    [InlineData("getHashCode")]
    [InlineData("equals")]
    [InlineData("printMembers")]
    [InlineData("getType")]
    public void Names_of_inherited_members_are_renamed_with_a_warning(string name)
    {
        var files = GeneratorHarness.SeedWith(text => text
            .Replace(
                "          runId: $response.body#/run/run_id",
                $"          runId: $response.body#/run/run_id\n          {name}: $response.body#/run/app_id")
            .Replace(
                "      results: $steps.pollRun.outputs.results",
                $"      results: $steps.pollRun.outputs.results\n      {name}: $steps.createRun.outputs.runId")
            .Replace(
                "        specificationHash:\n",
                $"        {name}:\n          type: string\n        specificationHash:\n"));
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Equal(3, result.Diagnostics.Count(d => d.Id == "ARZ0016"));
    }

    [Fact]
    public void A_workflow_whose_source_is_missing_is_not_generated_half()
    {
        var files = GeneratorHarness.SeedFiles().RemoveAt(1);
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.Equal("ARZ0005", Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error).Id);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_broken_openapi_file_is_reported_as_unreadable_where_it_breaks()
    {
        var files = GeneratorHarness.SeedFiles().SetItem(1,
            new InMemoryAdditionalText("/project/openapi/dust-apps-api-openapi.yml", "openapi: 3.0.3\ninfo: [\n"));
        var (result, output, _) = GeneratorHarness.Run(files);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        Assert.Contains("ARZ0006", errors);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_tab_used_as_indentation_is_reported_on_its_line()
    {
        var files = GeneratorHarness.SeedWith(text => text.Replace(
            "          type: string\n          description: The workspace identifier.",
            "          type: string\n\t  description: The workspace identifier."));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0001", error.Id);
        Assert.True(error.Location.GetLineSpan().StartLinePosition.Line > 0, error.ToString());
    }
}
