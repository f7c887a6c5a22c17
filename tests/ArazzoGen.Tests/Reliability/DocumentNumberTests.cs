using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// A number in the document that no C# number holds (<c>1e400</c>, <c>Infinity</c>, <c>NaN</c>) is a diagnostic at
/// its place, not generated code that does not compile or a wait that cannot be made.
/// </summary>
public sealed class DocumentNumberTests
{
    private const string Api = """
        openapi: 3.1.0
        info: { title: a, version: v }
        paths:
          /r:
            get:
              operationId: get
              responses: { '200': { description: ok } }
        """;

    [Theory]
    [InlineData("retryAfter: 1e400")]
    [InlineData("retryAfter: Infinity")]
    [InlineData("retryAfter: NaN")]
    [InlineData("retryLimit: 1e400")]
    public void A_number_beyond_double_is_reported_where_it_is_written(string field)
    {
        var document = $$"""
            arazzo: 1.0.1
            info: { title: t, version: v }
            sourceDescriptions:
              - { name: api, url: ./api.yaml, type: openapi }
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: get
                    successCriteria:
                      - condition: $statusCode == 200
                    onFailure:
                      - name: again
                        type: retry
                        {{field}}
            """;
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/w.arazzo.yaml", document), new InMemoryAdditionalText("/p/api.yaml", Api));

        var (result, output, _) = GeneratorHarness.Run(files);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("a finite number", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            System.StringComparison.Ordinal);
        Assert.Equal(14, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
