using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// The <c>services.Add…Workflow()</c> registrations: written only when the project references dependency injection
/// and Microsoft.Extensions.Http, and then compiling beside the workflows.
/// </summary>
public class DependencyInjectionGeneratorTests
{
    private const string HintName = "dust-run-app-and-poll.arazzo.DependencyInjection.g.cs";

    [Fact]
    public void Without_dependency_injection_references_only_the_workflows_are_generated()
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.SeedFiles());

        var source = Assert.Single(result.GeneratedSources);
        Assert.DoesNotContain("IServiceCollection", source.SourceText.ToString());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Dependency_injection_without_microsoft_extensions_http_writes_no_registrations()
    {
        var compilation = GeneratorHarness.Compilation("class A { }").AddReferences(
            MetadataReference.CreateFromFile(
                typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Options.IOptionsMonitor<>).Assembly.Location));

        var result = GeneratorHarness.CreateDriver(GeneratorHarness.SeedFiles())
            .RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Single(result.GeneratedSources);
    }

    [Fact]
    public void With_dependency_injection_the_registrations_match_the_baseline_and_compile_without_warnings()
    {
        var (result, output, _) = GeneratorHarness.RunWithDependencyInjection(GeneratorHarness.SeedFiles());

        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        var registrations = Assert.Single(result.GeneratedSources, s => s.HintName == HintName);
        Snapshot.Match("Seed/" + HintName, registrations.SourceText.ToString());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Registrations_of_several_documents_share_one_extension_class_and_compile()
    {
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/shop.arazzo.yaml", GeneratorHarness.TestData("workflows/shop.arazzo.yaml")),
            new InMemoryAdditionalText(
                "/p/catalog.arazzo.yaml",
                GeneratorHarness.TestData("workflows/catalog.arazzo.yaml")),
            new InMemoryAdditionalText(
                "/p/shop.openapi.yaml",
                GeneratorHarness.TestData("workflows/shop.openapi.yaml")));

        var (result, output, _) = GeneratorHarness.RunWithDependencyInjection(
            files,
            """
            using Microsoft.Extensions.DependencyInjection;
            static class Use
            {
                static void Register(IServiceCollection services)
                    => Generated.Tests.ArazzoServiceCollectionExtensions.AddPlaceOrderWorkflow(services);
            }
            """);

        Assert.Equal(2, result.GeneratedSources.Count(s => s.HintName.EndsWith(".DependencyInjection.g.cs")));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
