using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArazzoGen.Tests.Support;

/// <summary>Runs the generator through a real <see cref="CSharpGeneratorDriver"/> and compiles what it wrote.</summary>
internal static class GeneratorHarness
{
    public const string Namespace = "Generated.Tests";

    public static string TestData(string relative)
        => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", relative));

    /// <summary>The seed document and its OpenAPI, at the paths the seed expects relative to each other.</summary>
    public static ImmutableArray<AdditionalText> SeedFiles() => ImmutableArray.Create<AdditionalText>(
        new InMemoryAdditionalText(
            "/project/arazzo/dust-run-app-and-poll.arazzo.yaml",
            TestData("arazzo/dust-run-app-and-poll.arazzo.yaml")),
        new InMemoryAdditionalText(
            "/project/openapi/dust-apps-api-openapi.yml",
            TestData("openapi/dust-apps-api-openapi.yml")));

    /// <summary>The seed files with the Arazzo document's text changed by <paramref name="edit"/>.</summary>
    public static ImmutableArray<AdditionalText> SeedWith(Func<string, string> edit)
    {
        var files = SeedFiles();
        return files.SetItem(0, new InMemoryAdditionalText(files[0].Path, edit(files[0].GetText()!.ToString())));
    }

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(false, sources);

    /// <summary>
    /// A compilation that also references dependency injection, options and Microsoft.Extensions.Http, as a project
    /// with a host does: the generator then writes the <c>services.Add…Workflow()</c> registrations too.
    /// </summary>
    public static CSharpCompilation CompilationWithDependencyInjection(params string[] sources)
        => Compilation(true, sources);

    private static CSharpCompilation Compilation(bool dependencyInjection, string[] sources)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(ArazzoGen.Runtime.ArazzoValue).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));
        if (dependencyInjection)
        {
            references = references.Concat(DependencyInjectionReferences());
        }

        return CSharpCompilation.Create(
            "GeneratedTests",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new[]
                {
                    // The SDK silences these by default: the runtime targets net8.0 and binds to net10.0 here.
                    new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>(
                        "CS1701",
                        ReportDiagnostic.Suppress),
                    new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>(
                        "CS1702",
                        ReportDiagnostic.Suppress),
                }));
    }

    /// <summary>The assemblies of IServiceCollection, named options and AddHttpClient.</summary>
    public static IEnumerable<MetadataReference> DependencyInjectionReferences() => new[]
        {
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly,
            typeof(Microsoft.Extensions.Options.IOptionsMonitor<>).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
        }
        .Distinct()
        .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location));

    public static GeneratorDriver CreateDriver(
        ImmutableArray<AdditionalText> files,
        bool track = true,
        AnalyzerConfigOptionsProvider? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            files,
            new CSharpParseOptions(LanguageVersion.Latest),
            options ?? BuildOptionsProvider.WithRootNamespace(Namespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>
    /// Runs the generator once; returns its result and the compilation with the generated code added.
    /// </summary>
    public static (GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> OutputDiagnostics)
        Run(ImmutableArray<AdditionalText> files, params string[] sources)
    {
        var driver = CreateDriver(files)
            .RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out var diagnostics);
        return (driver.GetRunResult().Results.Single(), output, diagnostics);
    }

    /// <summary><see cref="Run"/> over a compilation that references dependency injection.</summary>
    public static (GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> OutputDiagnostics)
        RunWithDependencyInjection(ImmutableArray<AdditionalText> files, params string[] sources)
    {
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(
            CompilationWithDependencyInjection(sources), out var output, out var diagnostics);
        return (driver.GetRunResult().Results.Single(), output, diagnostics);
    }

    /// <summary>Errors and warnings of the compilation that includes the generated code.</summary>
    public static IReadOnlyList<Diagnostic> CompileProblems(Compilation output)
        => output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id is not ("CS1701" or "CS1702"))
            .ToList();

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
