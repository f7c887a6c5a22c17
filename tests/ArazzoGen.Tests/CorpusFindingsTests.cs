using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Generator faults that real documents of the corpus (TestData/corpus) exposed, each pinned on the seed.</summary>
public class CorpusFindingsTests
{
    [Fact]
    public void A_step_named_like_its_workflow_does_not_hide_the_workflow_outputs_record()
    {
        // Redocly's step-on-success-type-end-action has workflow get-menu-items with a step get-menu-items.
        var files = GeneratorHarness.SeedWith(text => text.Replace("workflowId: run-app-and-poll", "workflowId: createRun"));
        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("public sealed record CreateRunOutputs", source);
        Assert.Contains("public sealed class CreateRunOutputs", source);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
