using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// The MSBuild settings of the package's build/ArazzoGen.props, as the compiler hands them to the generator:
/// <c>build_property.*</c> for properties, <c>build_metadata.AdditionalFiles.*</c> for file metadata.
/// </summary>
public class BuildSettingsTests
{
    private const string ClassNames = "build_metadata.AdditionalFiles.ArazzoClassNames";
    private const string FileLoopDelay = "build_metadata.AdditionalFiles.ArazzoLoopDelay";

    [Fact]
    public void Without_settings_the_seed_workflow_keeps_its_names_and_the_runtime_loop_delay()
    {
        var code = Generate(new Dictionary<string, string>(), new Dictionary<string, string>());

        Assert.Contains("namespace ArazzoGen.Generated", code);
        Assert.Contains("public sealed partial class RunAppAndPollWorkflow", code);
        Assert.DoesNotContain("DefaultLoopDelay", code);
    }

    [Fact]
    public void ArazzoGenNamespace_wins_over_RootNamespace()
    {
        var code = Generate(
            new Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = "My.App",
                ["build_property.ArazzoGenNamespace"] = "My.App.Workflows",
            },
            new Dictionary<string, string>());

        Assert.Contains("namespace My.App.Workflows", code);
    }

    [Theory]
    [InlineData("not a namespace")]
    [InlineData("My.class")]
    public void An_unusable_namespace_is_reported_and_RootNamespace_applies(string value)
    {
        var (code, ignored) = GenerateWithDiagnostics(
            new Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = "My.App",
                ["build_property.ArazzoGenNamespace"] = value,
            },
            new Dictionary<string, string>());

        Assert.Contains("namespace My.App\n", code.Replace("\r\n", "\n"));
        Assert.Equal(
            $"Warning : The MSBuild setting ArazzoGenNamespace = '{value}' is ignored: it is not a C# namespace, so "
            + "the types go into My.App",
            Assert.Single(ignored));
    }

    [Theory]
    [InlineData("hello-arazzo", "hello_arazzo")]
    [InlineData("1st.app", "_1st.app")]
    [InlineData("My.event.App", "My._event.App")]
    public void A_project_name_that_is_no_namespace_becomes_one_as_the_templates_do(string root, string expected)
    {
        var (code, ignored) = GenerateWithDiagnostics(
            new Dictionary<string, string> { ["build_property.RootNamespace"] = root },
            new Dictionary<string, string>());

        Assert.Contains($"namespace {expected}\n", code.Replace("\r\n", "\n"));
        Assert.Empty(ignored);
    }

    [Theory]
    [InlineData("run-app-and-poll=DustRunWorkflow", "DustRunWorkflow", "DustRunInputs")]
    [InlineData("DustRunner", "DustRunner", "DustRunnerInputs")]
    [InlineData(" other=Unused , run-app-and-poll = Poller ", "Poller", "PollerInputs")]
    public void ArazzoClassNames_names_the_class_and_its_records(string setting, string type, string inputs)
    {
        var code = Generate(
            new Dictionary<string, string>(),
            new Dictionary<string, string> { [ClassNames] = setting });

        Assert.Contains($"public sealed partial class {type}", code);
        Assert.Contains($"public sealed record {inputs}", code);
        Assert.DoesNotContain("RunAppAndPollWorkflow", code);
    }

    [Theory]
    [InlineData("run-app-and-poll=class")]
    [InlineData("run-app-and-poll=Not Valid")]
    [InlineData("=Nameless")]
    public void An_unusable_class_name_is_ignored(string setting)
    {
        var code = Generate(
            new Dictionary<string, string>(),
            new Dictionary<string, string> { [ClassNames] = setting });

        Assert.Contains("public sealed partial class RunAppAndPollWorkflow", code);
    }

    [Fact]
    public void The_file_loop_delay_wins_over_the_project_loop_delay()
    {
        var project = new Dictionary<string, string> { ["build_property.ArazzoGenLoopDelay"] = "2" };

        Assert.Contains(
            "run.DefaultLoopDelay = global::System.TimeSpan.FromMilliseconds(2000);",
            Generate(project, new Dictionary<string, string>()));
        Assert.Contains(
            "run.DefaultLoopDelay = global::System.TimeSpan.FromMilliseconds(250);",
            Generate(project, new Dictionary<string, string> { [FileLoopDelay] = "0.25" }));
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("-1")]
    [InlineData("00:00:01")]
    public void An_unusable_loop_delay_is_reported_and_leaves_the_runtime_default(string value)
    {
        var (code, ignored) = GenerateWithDiagnostics(
            new Dictionary<string, string> { ["build_property.ArazzoGenLoopDelay"] = value },
            new Dictionary<string, string>());

        Assert.DoesNotContain("DefaultLoopDelay", code);
        Assert.Equal(
            $"Warning : The MSBuild setting ArazzoGenLoopDelay = '{value}' is ignored: it is not a number of seconds "
            + "from 0 to 86400 (such as 2 or 0.25), so the default loop delay applies",
            Assert.Single(ignored));
    }

    [Fact]
    public void Generated_code_with_every_setting_compiles_without_warnings()
    {
        var files = GeneratorHarness.SeedFiles();
        var options = new BuildOptionsProvider(
            new Dictionary<string, string>
            {
                ["build_property.ArazzoGenNamespace"] = "Configured",
                ["build_property.ArazzoGenLoopDelay"] = "0.1",
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [files[0].Path] = new Dictionary<string, string> { [ClassNames] = "DustRun" },
            });
        var driver = GeneratorHarness.CreateDriver(files, options: options)
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation("class A { }"), out var output, out _);

        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Configured.DustRun"));
    }

    [Fact]
    public void The_build_loop_delay_applies_unless_the_options_set_one()
    {
        var options = new ArazzoGen.Runtime.ArazzoWorkflowOptions();
        var fromBuild = System.TimeSpan.FromMilliseconds(250);

        Assert.Equal(System.TimeSpan.FromSeconds(1), options.LoopDelay);
        Assert.Equal(System.TimeSpan.FromSeconds(1), options.LoopDelayOr(null));
        Assert.Equal(fromBuild, options.LoopDelayOr(fromBuild));

        options.LoopDelay = System.TimeSpan.FromSeconds(2);
        Assert.Equal(System.TimeSpan.FromSeconds(2), options.LoopDelayOr(fromBuild));
    }

    private static string Generate(Dictionary<string, string> project, Dictionary<string, string> file)
        => GenerateWithDiagnostics(project, file).Code;

    /// <summary>The generated code and the ARZ0039 messages.</summary>
    private static (string Code, List<string> Ignored) GenerateWithDiagnostics(
        Dictionary<string, string> project,
        Dictionary<string, string> file)
    {
        var files = GeneratorHarness.SeedFiles();
        var options = new BuildOptionsProvider(
            project,
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [files[0].Path] = file });
        var result = GeneratorHarness.CreateDriver(files, options: options)
            .RunGenerators(GeneratorHarness.Compilation("class A { }"))
            .GetRunResult();
        var ignored = result.Diagnostics.Where(d => d.Id == "ARZ0039")
            .Select(d => $"{d.Severity} {System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)}: "
                         + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return (result.Results.Single().GeneratedSources.Single().SourceText.ToString(), ignored);
    }
}
