using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static ArazzoGen.Tests.RequestDiagnosticTests;

namespace ArazzoGen.Tests;

/// <summary>
/// Requests a newcomer found malformed at run time, now build errors at the column that causes them: expressions in
/// XML markup or as JSON keys, JSON Pointer escapes, empty parameter names, charsets other than UTF-8.
/// </summary>
public class RequestFindingsTests
{
    private const string Create = "      - stepId: c\n        operationId: create\n";

    private static string[] Errors(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + " " + Where(d)).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_tilde_not_followed_by_0_or_1_in_an_expression_pointer_is_an_error_at_the_tilde()
    {
        var (diagnostics, _) = Run(Create + """
                    successCriteria:
                      - condition: $response.body#/a~2 == 1
                      - context: $response.body#/a~
                        condition: $.x
                        type: jsonpath
                    outputs:
                      ok: $response.body#/a~0b~1c
                      bad: '{$response.body#/0~/x}'
            """);

        Assert.Equal(new[] { "ARZ0008 (12,41)", "ARZ0008 (13,39)", "ARZ0008 (18,35)" }, Errors(diagnostics));
        Assert.Contains("must be followed by 0 or 1", diagnostics.First(d => d.Id == "ARZ0008").GetMessage());
    }

    [Fact]
    public void A_malformed_replacement_pointer_is_a_wrong_type_error_not_a_missing_target()
    {
        var (diagnostics, _) = Run(Create + """
                    requestBody:
                      payload: { k: 1 }
                      replacements:
                        - { target: /k~2, value: 2 }
            """);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0003 (14,27)", error.Id + " " + Where(error));
        Assert.Contains("'target' must be a JSON Pointer", error.GetMessage());
    }
}
