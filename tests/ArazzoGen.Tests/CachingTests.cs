using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ArazzoGen.Tests;

public class CachingTests
{
    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Parse, TrackingNames.OpenApiIndexes, TrackingNames.ProjectSettings, TrackingNames.FileSettings,
        TrackingNames.Settings, TrackingNames.ArazzoSources, TrackingNames.Declare, TrackingNames.Workflows,
        TrackingNames.Bind, TrackingNames.DependencyInjection, TrackingNames.Emit,
    };

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_tracked_step_cached()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.SeedFiles()).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} ran again ({reason}) after an unrelated edit"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_the_yaml_reruns_parse_and_bind_and_changes_the_output()
    {
        var files = GeneratorHarness.SeedFiles();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);

        var original = files[0];
        var text = original.GetText()!.ToString()
            .Replace("workflowId: run-app-and-poll", "workflowId: run-app-and-wait");
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(original.Path, text));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var parse = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, parse.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, parse.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified,
            result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).Single().Reason);
        Assert.Contains("class RunAppAndWaitWorkflow", result.GeneratedSources.Single().SourceText.ToString());
    }

    /// <summary>The shop document, which runs workflows of the catalog (its arazzo source), and their API.</summary>
    private static System.Collections.Immutable.ImmutableArray<AdditionalText> ShopFiles()
        => System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/shop.arazzo.yaml", GeneratorHarness.TestData("workflows/shop.arazzo.yaml")),
            new InMemoryAdditionalText(
                "/p/catalog.arazzo.yaml",
                GeneratorHarness.TestData("workflows/catalog.arazzo.yaml")),
            new InMemoryAdditionalText(
                "/p/shop.openapi.yaml",
                GeneratorHarness.TestData("workflows/shop.openapi.yaml")));

    [Fact]
    public void Editing_one_document_leaves_the_binding_of_a_document_that_runs_its_workflows_cached()
    {
        var files = ShopFiles();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);

        // A new title changes the document but not what its workflows look like to the shop document.
        var catalog = files[1];
        var text = catalog.GetText()!.ToString().Replace("title: Catalog", "title: The catalog");
        driver = driver.ReplaceAdditionalText(catalog, new InMemoryAdditionalText(catalog.Path, text));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var declare = result.TrackedSteps[TrackingNames.Declare].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Unchanged, declare);
        Assert.All(
            result.TrackedSteps[TrackingNames.Workflows].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        var bind = result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        // The catalog is bound again (and yields the same code); the shop document is not bound again at all.
        Assert.Equal(1, bind.Count(r => r == IncrementalStepRunReason.Unchanged));
        Assert.Equal(1, bind.Count(r => r == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void Only_a_document_another_names_as_an_arazzo_source_is_bound_to_declare_its_workflows()
    {
        var files = GeneratorHarness.SeedFiles().AddRange(ShopFiles());

        var result = GeneratorHarness.CreateDriver(files).RunGenerators(GeneratorHarness.Compilation("class A { }"))
            .GetRunResult().Results.Single();

        Assert.Equal(
            new[] { "catalog.arazzo.yaml" },
            result.TrackedSteps[TrackingNames.ArazzoSources].SelectMany(s => s.Outputs)
                .Select(o => (ArazzoGen.Infrastructure.EquatableArray<string>)o.Value).Single());
        var declared = result.TrackedSteps[TrackingNames.Declare].SelectMany(s => s.Outputs)
            .Select(o => (ArazzoGen.Binding.DocumentSignatures)o.Value).ToDictionary(d => d.Path);
        // The catalog, which the shop names, was bound and declares its workflows; the others only claim class names.
        Assert.NotEmpty(declared["/p/catalog.arazzo.yaml"].Workflows);
        Assert.Empty(declared["/p/shop.arazzo.yaml"].Workflows);
        Assert.Contains("BuyPetWorkflow", declared["/p/shop.arazzo.yaml"].ClassNames);
        var dust = declared.Values.Single(
            d => d.Path.EndsWith("dust-run-app-and-poll.arazzo.yaml", System.StringComparison.Ordinal));
        Assert.Empty(dust.Workflows);
        Assert.Contains("RunAppAndPollWorkflow", dust.ClassNames);
        // The shop still runs the catalog's workflows: every document generates.
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(3, result.GeneratedSources.Length);
    }

    [Fact]
    public void Referencing_dependency_injection_reruns_only_the_check_and_adds_the_registrations()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.SeedFiles()).RunGenerators(compilation);

        var withReferences = compilation.AddReferences(GeneratorHarness.DependencyInjectionReferences());
        var result = driver.RunGenerators(withReferences).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified,
            result.TrackedSteps[TrackingNames.DependencyInjection].SelectMany(s => s.Outputs).Single().Reason);
        Assert.All(result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(2, result.GeneratedSources.Length);
    }

    [Fact]
    public void An_unrelated_CSharp_edit_with_dependency_injection_leaves_the_output_cached()
    {
        var compilation = GeneratorHarness.CompilationWithDependencyInjection("class A { }");
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.SeedFiles()).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Unchanged,
            result.TrackedSteps[TrackingNames.DependencyInjection].SelectMany(s => s.Outputs).Single().Reason);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void New_options_with_the_same_msbuild_settings_leave_every_tracked_step_cached()
    {
        var files = GeneratorHarness.SeedFiles();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(files, options: Settings(files[0].Path, "Dust=Runner", "2"))
            .RunGenerators(compilation);

        // Each build hands the generator a new options provider: equal values must not run anything again.
        driver = driver.WithUpdatedAnalyzerConfigOptions(Settings(files[0].Path, "Dust=Runner", "2"));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} ran again ({reason}) with the same settings"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void A_new_loop_delay_rebinds_the_document_but_leaves_parsing_and_declaring_cached()
    {
        var files = GeneratorHarness.SeedFiles();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.CreateDriver(files, options: Settings(files[0].Path, null, "2"))
            .RunGenerators(compilation);

        driver = driver.WithUpdatedAnalyzerConfigOptions(Settings(files[0].Path, null, "0.5"));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(
            result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(
            result.TrackedSteps[TrackingNames.Declare].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified,
            result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).Single().Reason);
        Assert.Contains("FromMilliseconds(500)", result.GeneratedSources.Single().SourceText.ToString());
    }

    private static BuildOptionsProvider Settings(string path, string? classNames, string? loopDelay)
    {
        var metadata = new Dictionary<string, string>();
        if (classNames is not null)
        {
            metadata["build_metadata.AdditionalFiles.ArazzoClassNames"] = classNames;
        }

        if (loopDelay is not null)
        {
            metadata["build_metadata.AdditionalFiles.ArazzoLoopDelay"] = loopDelay;
        }

        return new BuildOptionsProvider(
            new Dictionary<string, string> { ["build_property.RootNamespace"] = GeneratorHarness.Namespace },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [path] = metadata });
    }

    [Fact]
    public void Pipeline_models_hold_no_roslyn_symbols_syntax_or_yaml_nodes()
    {
        var result = GeneratorHarness.CreateDriver(GeneratorHarness.SeedFiles())
            .RunGenerators(GeneratorHarness.Compilation("class A { }")).GetRunResult().Results.Single();

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var output in TrackedSteps.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs))
        {
            AssertNoForbiddenTypes(output.Value, seen, depth: 0);
        }
    }

    private static void AssertNoForbiddenTypes(object? value, HashSet<object> seen, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 30)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or Location or Diagnostic,
            $"a pipeline model holds a {type.Name}");
        Assert.False(type.Namespace?.StartsWith("YamlDotNet", System.StringComparison.Ordinal) == true,
            $"a pipeline model holds a {type.Name}");
        Assert.False(type.Namespace?.StartsWith("Microsoft.OpenApi", System.StringComparison.Ordinal) == true,
            $"a pipeline model holds a {type.Name}");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoForbiddenTypes(item, seen, depth + 1);
            }

            return;
        }

        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoForbiddenTypes(property.GetValue(value), seen, depth + 1);
        }
    }
}
