using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Generator faults that real documents of the corpus (TestData/corpus) exposed, each pinned here.</summary>
public class CorpusFindingsTests
{
    [Fact]
    public void A_step_named_like_its_workflow_does_not_hide_the_workflow_outputs_record()
    {
        // Redocly's step-on-success-type-end-action has workflow get-menu-items with a step get-menu-items.
        var files = GeneratorHarness.SeedWith(
            text => text.Replace("workflowId: run-app-and-poll", "workflowId: createRun"));
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("public sealed record CreateRunOutputs", source);
        Assert.Contains("public sealed class CreateRunOutputs", source);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Source_name_shorthands_resolve_with_an_info_that_shows_the_arazzo_form()
    {
        // Redocly writes 'cafe-api.listMenuItems', Jentic 'openapi_source#/paths/...'.
        var (result, output, _) = GeneratorHarness.Run(ShopFiles("listItems", """
                  - stepId: by-id
                    operationId: shop.listItems
                  - stepId: by-path
                    operationPath: 'shop#/paths/~1items/get'
            """));

        Assert.Equal(
            new[]
            {
                "ARZ0020 (9,22) 'shop.listItems' is not the Arazzo form; it is read as "
                + "'$sourceDescriptions.shop.listItems'",
                "ARZ0020 (11,25) 'shop#/paths/~1items/get' is not the Arazzo form; it is read as "
                + "'{$sourceDescriptions.shop.url}#/paths/~1items/get'",
            },
            result.Diagnostics.Select(Describe));
        Assert.Single(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void An_operation_id_that_really_contains_the_source_name_and_a_dot_is_taken_as_written()
    {
        var (result, _, _) = GeneratorHarness.Run(ShopFiles("shop.listItems", """
                  - stepId: by-id
                    operationId: shop.listItems
            """));

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
    }

    [Theory]
    [InlineData("https://api.example.com")]
    [InlineData("https://")]
    public void A_remote_url_without_a_file_name_is_reported_as_such_and_never_crashes(string url)
    {
        // Speakeasy's fixtures point at 'https://api.example.com'; the message used to say "a file named ''".
        var files = GeneratorHarness.SeedWith(
            text => text.Replace("url: ../openapi/dust-apps-api-openapi.yml", "url: " + url));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0005", error.Id);
        Assert.Contains("looked for 'a file name, but the url ends without one'", error.GetMessage());
        Assert.Contains("point the url at the copy instead", error.GetMessage());
    }

    [Fact]
    public void A_document_of_another_arazzo_version_gets_the_version_error_alone()
    {
        // Redocly's Arazzo 1.1 lint fixture has object outputs and a channelPath step, valid in 1.1.
        var files = GeneratorHarness.SeedWith(text => text
            .Replace("arazzo: 1.0.1", "arazzo: 1.1.0")
            .Replace("runId: $response.body#/run/run_id", "runId: { selector: $response.body }")
            .Replace("operationPath: '{$sourceDescriptions.appsApi.url}#", "channelPath: '#"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0004", error.Id);
        Assert.Equal(0, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_parameter_entry_without_a_name_is_one_error_not_two()
    {
        // Redocly's config-parser fixture writes parameters as JSON References: '- $ref: ...'.
        var files = GeneratorHarness.SeedWith(text => text.Replace(
            "          - name: Authorization\n            in: header\n            value: Bearer $inputs.apiToken\n",
            "          - $ref: '#/components/parameters/authorization'\n"));
        var (result, _, _) = GeneratorHarness.Run(files);

        // Both steps send the header, so there are two such entries: one error each.
        Assert.Equal(
            new[]
            {
                "ARZ0002 (64,13) A parameter of Step 'createRun' is missing the required field 'name'",
                "ARZ0002 (92,13) A parameter of Step 'pollRun' is missing the required field 'name'",
            },
            result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe));
    }

    [Fact]
    public void An_operation_path_whose_path_exists_without_that_method_names_the_methods_it_has()
    {
        // BinkyLabs' OperationResolution/invalid.arazzo.yaml: the message used to suggest the very same path.
        var files = GeneratorHarness.SeedWith(text => text.Replace("~1runs~1{runId}/get'", "~1runs~1{runId}/put'"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0007", error.Id);
        Assert.EndsWith(
            "which is not defined by source 'appsApi'; path '/api/v1/w/{wId}/spaces/{spaceId}/apps/{aId}/runs/{runId}' "
            + "has get",
            error.GetMessage());
    }

    [Fact]
    public void An_info_object_without_its_version_is_an_error()
    {
        // Speakeasy's invalid.arazzo.yaml leaves out info.version, which Arazzo requires.
        var files = GeneratorHarness.SeedWith(
            text => text.Replace("  version: 1.0.0\nsourceDescriptions:", "sourceDescriptions:"));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0002 (3,3) info is missing the required field 'version'", Describe(error));
    }

    [Fact]
    public void A_bare_operation_id_that_two_sources_define_is_called_ambiguous_not_missing()
    {
        // BinkyLabs' OperationResolution/ambiguous.arazzo.yaml; the message used to say the sources do not define it.
        var files = ShopFiles("listItems", """
                  - stepId: by-id
                    operationId: listItems
            """);
        files = files
            .SetItem(0, new InMemoryAdditionalText(files[0].Path, files[0].GetText()!.ToString().Replace(
                "sourceDescriptions:\n",
                "sourceDescriptions:\n  - { name: depot, url: ./depot.openapi.yaml, type: openapi }\n")))
            .Add(new InMemoryAdditionalText("/project/depot.openapi.yaml", files[1].GetText()!.ToString()));
        var (result, _, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "ARZ0021 (10,22) Step 'by-id' targets operationId 'listItems', which sources 'depot', 'shop' all define; "
            + "with several sources Arazzo wants it qualified, as in '$sourceDescriptions.depot.listItems'",
            Describe(error));
    }

    private static string Describe(Diagnostic d)
    {
        var start = d.Location.GetLineSpan().StartLinePosition;
        return $"{d.Id} ({start.Line + 1},{start.Character + 1}) {d.GetMessage()}";
    }

    /// <summary>A one-operation OpenAPI document and an Arazzo document with the given steps.</summary>
    private static ImmutableArray<AdditionalText> ShopFiles(string operationId, string steps)
        => ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/project/shop.arazzo.yaml", $$"""
                arazzo: 1.0.1
                info: { title: Shop, version: '1' }
                sourceDescriptions:
                  - { name: shop, url: ./shop.openapi.yaml, type: openapi }
                workflows:
                  - workflowId: list
                    steps:
                {{steps}}
                """),
            new InMemoryAdditionalText("/project/shop.openapi.yaml", $$"""
                openapi: 3.1.0
                info: { title: Shop, version: '1' }
                paths:
                  /items:
                    get:
                      operationId: {{operationId}}
                      responses: { '200': { description: ok } }
                """));
}
