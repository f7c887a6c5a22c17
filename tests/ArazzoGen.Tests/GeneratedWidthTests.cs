using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>Generated code reads well side by side: no line of any fixture's output is over 120 columns.</summary>
public class GeneratedWidthTests
{
    private static string Folder(string name, [CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "TestData", name);

    [Theory]
    [InlineData("features")]
    [InlineData("workflows")]
    [InlineData("criteria")]
    [InlineData("requests")]
    public void Every_generated_line_of_a_fixture_is_at_most_120_columns(string fixture)
    {
        var files = Directory.GetFiles(Folder(fixture), "*.yaml")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => (AdditionalText)new InMemoryAdditionalText("/p/" + Path.GetFileName(f), File.ReadAllText(f)))
            .ToImmutableArray();

        // With dependency injection referenced, so the registrations are measured too.
        var (result, output, _) = GeneratorHarness.RunWithDependencyInjection(files);

        Assert.NotEmpty(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var tooLong = result.GeneratedSources
            .SelectMany(s => s.SourceText.Lines.Select(l => (s.HintName, Line: l.ToString())))
            .Where(l => l.Line.Length > 120)
            .Select(l => l.HintName + ": " + l.Line)
            .ToList();
        Assert.Empty(tooLong);
    }
}
