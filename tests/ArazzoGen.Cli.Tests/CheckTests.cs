using System.Linq;
using System.Text.Json;
using Xunit;

namespace ArazzoGen.Cli.Tests;

public class CheckTests
{
    [Theory]
    [InlineData("tests/ArazzoGen.Tests/TestData/workflows", 3)]
    [InlineData("tests/ArazzoGen.Tests/TestData/features", 2)]
    [InlineData("tests/ArazzoGen.Tests/TestData/requests", 9)]
    public void Fixtures_that_generate_cleanly_print_only_the_summary_and_exit_0(string folder, int files)
    {
        var result = CliRunner.Run("check", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { $"{files} files checked: 0 errors, 0 warnings, 0 infos." }, result.Lines);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void An_info_diagnostic_is_printed_msbuild_style_and_does_not_fail_the_check()
    {
        var result = CliRunner.Run("check", "tests/ArazzoGen.Tests/TestData/criteria");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Lines.Length);
        Assert.StartsWith(
            "tests/ArazzoGen.Tests/TestData/criteria/orders.arazzo.yaml(30,24): info ARZ0012: ",
            result.Lines[0]);
        Assert.Equal("2 files checked: 0 errors, 0 warnings, 1 info.", result.Lines[1]);
    }

    [Fact]
    public void A_corpus_document_with_the_files_it_names_reports_its_fault_and_exits_1()
    {
        const string folder = "tests/ArazzoGen.Tests/TestData/corpus/oai-examples/examples/1.0.0/";
        var result = CliRunner.Run("check", folder + "FAPI-PAR.arazzo.yaml", folder + "FAPI-PAR.openapi.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            new[]
            {
                folder + "FAPI-PAR.arazzo.yaml(102,22): error ARZ0007: Step 'PARStep' targets operationId 'PAR', "
                + "which is not defined by source 'auth-api'; did you mean 'Par'? (names are case-sensitive)",
                "2 files checked: 1 error, 0 warnings, 0 infos.",
            },
            result.Lines);
    }

    [Theory]
    [InlineData("01-malformed-yaml", "(23,17): error ARZ0001: ")]
    [InlineData("02-no-info", "(1,1): error ARZ0002: ")]
    [InlineData("03-version-2", "(1,9): error ARZ0004: ")]
    [InlineData("04-duplicate-step-id", "(23,17): error ARZ0015: ")]
    [InlineData("05-duplicate-workflow-id", "(35,17): error ARZ0015: ")]
    [InlineData("06-unknown-operation-id", "(24,22): error ARZ0007: ")]
    [InlineData("07-goto-unknown-step", "(24,21): error ARZ0014: ")]
    [InlineData("08-unknown-step-output", "(28,20): error ARZ0009: ")]
    [InlineData("09-bad-output-name", "(34,7): error ARZ0003: ")]
    [InlineData("10-missing-source", "(7,10): error ARZ0005: ")]
    [InlineData("11-bad-condition", "(20,38): error ARZ0010: ")]
    [InlineData("12-two-targets", "(24,22): error ARZ0003: ")]
    [InlineData("13-depends-on-unknown", "(12,9): error ARZ0009: ")]
    [InlineData("14-goto-step-and-workflow", "(24,21): error ARZ0003: ")]
    [InlineData("15-bad-runtime-expression", "(28,20): error ARZ0008: ")]
    [InlineData("16-missing-path-parameter", "(23,17): error ARZ0002: ")]
    [InlineData("17-regex-without-context", "(30,24): error ARZ0002: ")]
    [InlineData("18-unknown-component", "(26,24): error ARZ0009: ")]
    [InlineData("19-empty-steps", "(36,12): error ARZ0003: ")]
    [InlineData("20-unknown-input", "(28,20): error ARZ0009: ")]
    [InlineData("21-end-with-target", "(24,21): error ARZ0003: ")]
    public void Each_broken_document_reports_its_fault_at_its_position(string name, string where)
    {
        var document = CliRunner.Invalid(name + ".arazzo.yaml");
        var result = CliRunner.Run("check", document, CliRunner.Invalid("pets.openapi.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(document + where, result.Lines[0]);
        Assert.EndsWith(", 0 warnings, 0 infos.", result.Lines[^1]);
    }

    [Fact]
    public void The_valid_base_of_the_broken_documents_is_clean()
    {
        var result = CliRunner.Run(
            "check", CliRunner.Invalid("00-valid.arazzo.yaml"), CliRunner.Invalid("pets.openapi.yaml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "2 files checked: 0 errors, 0 warnings, 0 infos." }, result.Lines);
    }

    [Fact]
    public void A_folder_is_read_recursively_and_every_document_is_checked_in_one_run()
    {
        var result = CliRunner.Run("check", "tests/ArazzoGen.Cli.Tests/TestData");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("23 files checked: 22 errors, 0 warnings, 0 infos.", result.Lines[^1]);
        var files = result.Lines[..^1].Select(l => l.Substring(0, l.IndexOf('(', System.StringComparison.Ordinal)));
        Assert.Equal(21, files.Distinct().Count());
    }

    [Fact]
    public void Quiet_prints_errors_only_and_no_summary()
    {
        var clean = CliRunner.Run("check", "--quiet", "tests/ArazzoGen.Tests/TestData/criteria");
        var broken = CliRunner.Run("check", "-q", CliRunner.Invalid("03-version-2.arazzo.yaml"));

        Assert.Equal((0, string.Empty), (clean.ExitCode, clean.Stdout));
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal(
            new[]
            {
                CliRunner.Invalid("03-version-2.arazzo.yaml") + "(1,9): error ARZ0004: Arazzo version '2.0.0' is not "
                + "supported: this release reads Arazzo 1.0.x documents",
            },
            broken.Lines);
    }

    [Fact]
    public void Json_output_carries_the_counts_and_each_diagnostic_with_its_span()
    {
        var result = CliRunner.Run(
            "check", "--format", "json", CliRunner.Invalid("06-unknown-operation-id.arazzo.yaml"),
            CliRunner.Invalid("pets.openapi.yaml"));

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal((2, 1, 0), (root.GetProperty("files").GetInt32(), root.GetProperty("errors").GetInt32(),
            root.GetProperty("warnings").GetInt32()));
        var diagnostic = Assert.Single(root.GetProperty("diagnostics").EnumerateArray().ToList());
        Assert.Equal(
            CliRunner.Invalid("06-unknown-operation-id.arazzo.yaml"),
            diagnostic.GetProperty("path").GetString());
        Assert.Equal((24, 22, 24, 29), (diagnostic.GetProperty("line").GetInt32(),
            diagnostic.GetProperty("column").GetInt32(), diagnostic.GetProperty("endLine").GetInt32(),
            diagnostic.GetProperty("endColumn").GetInt32()));
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("ARZ0007", diagnostic.GetProperty("id").GetString());
    }
}
