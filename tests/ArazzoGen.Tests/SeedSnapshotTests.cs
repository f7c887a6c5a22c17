using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ArazzoGen.Tests;

public class SeedSnapshotTests
{
    private const string HintName = "dust-run-app-and-poll.arazzo.g.cs";

    [Fact]
    public void Generated_code_for_the_seed_matches_the_baseline_and_compiles_without_warnings()
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.SeedFiles());

        Assert.Null(result.Exception);
        var source = Assert.Single(result.GeneratedSources);
        Assert.Equal(HintName, source.HintName);
        Snapshot.Match("Seed/" + HintName, source.SourceText.ToString());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void Seed_reports_only_the_informational_spelling_hints_at_their_spans()
    {
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.SeedFiles());

        var diagnostics = result.Diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        var summary = diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{d.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }).ToList();

        // Bearer $inputs.apiToken twice (the column is that of '$'), then the three jsonpath comparisons.
        Assert.Equal(
            new[]
            {
                "ARZ0011 /project/arazzo/dust-run-app-and-poll.arazzo.yaml(66,27)",
                "ARZ0011 /project/arazzo/dust-run-app-and-poll.arazzo.yaml(96,27)",
                "ARZ0012 /project/arazzo/dust-run-app-and-poll.arazzo.yaml(119,28)",
                "ARZ0012 /project/arazzo/dust-run-app-and-poll.arazzo.yaml(125,28)",
                "ARZ0012 /project/arazzo/dust-run-app-and-poll.arazzo.yaml(132,28)",
            },
            summary);
        Assert.Contains("$[?@.run.status.run == 'succeeded']", diagnostics[2].GetMessage());
        Assert.Contains("Bearer {$inputs.apiToken}", diagnostics[0].GetMessage());
    }

    /// <summary>
    /// The same check through Microsoft.CodeAnalysis.Testing: generated text, diagnostics and compilation.
    /// </summary>
    [Fact]
    public async Task Roslyn_testing_framework_agrees_with_the_baseline()
    {
        var test = new CSharpSourceGeneratorTest<ArazzoGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(typeof(ArazzoGen.Runtime.ArazzoValue).Assembly);
        test.TestState.AdditionalReferences.Add(typeof(Microsoft.Extensions.Logging.ILogger).Assembly);
        foreach (var file in GeneratorHarness.SeedFiles())
        {
            test.TestState.AdditionalFiles.Add((file.Path, file.GetText()!.ToString()));
        }

        test.TestState.AnalyzerConfigFiles.Add((
            "/.globalconfig",
            $"is_global = true\nbuild_property.RootNamespace = {GeneratorHarness.Namespace}\n"));
        test.TestState.GeneratedSources.Add((typeof(ArazzoGenerator), HintName,
            SourceText.From(Snapshot.Expected("Seed/" + HintName), Encoding.UTF8)));
        foreach (var (line, column, length, id) in new[] { (66, 27, 16, "ARZ0011"), (96, 27, 16, "ARZ0011") })
        {
            test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult(id, DiagnosticSeverity.Info)
                .WithSpan("/project/arazzo/dust-run-app-and-poll.arazzo.yaml", line, column, line, column + length)
                .WithArguments("Bearer $inputs.apiToken", "$inputs.apiToken", "Bearer {$inputs.apiToken}"));
        }

        foreach (var (line, status) in new[] { (119, "succeeded"), (125, "errored"), (132, "running") })
        {
            var condition = $"$.run.status.run == '{status}'";
            test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult("ARZ0012", DiagnosticSeverity.Info)
                .WithSpan("/project/arazzo/dust-run-app-and-poll.arazzo.yaml", line, 28, line, 28 + condition.Length)
                .WithArguments(condition, $"$[?@.run.status.run == '{status}']"));
        }

        await test.RunAsync();
    }
}
