using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace ArazzoGen.Cli.Tests;

public class GenerateTests
{
    private const string SeedHint = "dust-run-app-and-poll.arazzo.g.cs";

    [Fact]
    public void Generate_writes_exactly_the_text_of_the_generators_baseline_for_the_seed()
    {
        using var temp = new TempFolder();

        var result = CliRunner.Run(
            "generate", "samples/DustRunApp", "--out", temp.Path, "--namespace", "Generated.Tests");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2 files checked: 0 errors, 0 warnings, 5 infos. 1 file written.", result.Lines[^1]);
        var baseline = File.ReadAllText(Path.Combine(
            CliRunner.RepoRoot, "tests", "ArazzoGen.Tests", "Snapshots", "Seed", SeedHint + ".txt"));
        Assert.Equal(Normalize(baseline), Normalize(File.ReadAllText(Path.Combine(temp.Path, SeedHint))));
    }

    [Fact]
    public void Without_a_namespace_the_generators_default_is_used()
    {
        using var temp = new TempFolder();

        var result = CliRunner.Run("generate", "samples/DustRunApp", "--quiet", "-o", temp.Path);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stdout));
        Assert.Contains("namespace ArazzoGen.Generated\n", File.ReadAllText(Path.Combine(temp.Path, SeedHint)),
            System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_document_is_reported_and_the_others_are_still_written()
    {
        using var temp = new TempFolder();

        var result = CliRunner.Run(
            "generate", "--out=" + temp.Path, CliRunner.Invalid("00-valid.arazzo.yaml"),
            CliRunner.Invalid("06-unknown-operation-id.arazzo.yaml"), CliRunner.Invalid("pets.openapi.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("3 files checked: 1 error, 0 warnings, 0 infos. 1 file written.", result.Lines[^1]);
        Assert.Equal(new[] { Path.Combine(temp.Path, "00-valid.arazzo.g.cs") }, Directory.GetFiles(temp.Path));
    }

    // The baseline stores the version as a placeholder; line endings depend on the checkout.
    private static string Normalize(string text)
        => Regex.Replace(text.Replace("\r\n", "\n", System.StringComparison.Ordinal),
            "\"ArazzoGen\", \"[^\"]*\"", "\"ArazzoGen\", \"{{VERSION}}\"");
}
