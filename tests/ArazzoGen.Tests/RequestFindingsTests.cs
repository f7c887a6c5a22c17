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

    [Theory]
    [InlineData("'<{$inputs.s}>x</{$inputs.s}>'", "(13,23) in an element name|(13,38) in an element name")]
    [InlineData(
        "'<a><![CDATA[{$inputs.s}]]><!--{$inputs.s}--></a>'", "(13,34) in a CDATA section|(13,52) in a comment")]
    [InlineData("'<?pi {$inputs.s}?><a {$inputs.s}=\"1\">&{$inputs.s};</a>'",
        "(13,27) in a processing instruction"
        + "|(13,43) in a tag outside a quoted attribute value (an attribute name, say)"
        + "|(13,60) in a character or entity reference")]
    public void An_xml_expression_in_markup_is_an_error_at_the_expression(string payload, string expected)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    requestBody:
                      contentType: application/xml
                      payload: {{payload}}
            """);

        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, e => Assert.Equal("ARZ0003", e.Id));
        var found = errors.Select(e => Where(e) + " " + e.GetMessage().Split(", but it is ")[1]);
        Assert.Equal(expected.Split('|'), found);
        Assert.Contains("must be in element text or a quoted attribute value", errors[0].GetMessage());
    }

    [Fact]
    public void Xml_expressions_in_text_and_attribute_values_are_accepted()
    {
        var (diagnostics, output) = Run(Create + """
                    requestBody:
                      contentType: application/xml
                      payload: '<?xml version="1.0"?><a b="{$inputs.s}" c=''&amp;{$inputs.s}''>&lt;{$inputs.s}<!---->
                        <![CDATA[ ]]>{$inputs.s}</a>'
            """);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(Support.GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void A_json_expression_used_as_an_object_key_is_an_error_at_the_expression()
    {
        var (diagnostics, _) = Run(Create + """
                    requestBody:
                      contentType: application/json
                      payload: '{{$inputs.s}: 1, "k": {$inputs.s}, "n": {"{$inputs.s}": 2, {$inputs.s}: 3}}'
            """);

        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(new[] { "ARZ0003 (13,23)", "ARZ0003 (13,81)" }, errors.Select(e => e.Id + " " + Where(e)));
        Assert.Contains(
            "'$inputs.s' must be used as a JSON value or inside a JSON string in a JSON template, but it is an "
            + "object key",
            errors[0].GetMessage());
    }

    [Theory]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("cookie")]
    [InlineData("path")]
    public void An_empty_parameter_name_is_an_error_at_the_name(string location)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    parameters:
                      - { name: '', in: {{location}}, value: 1 }
                      - { name: q, in: query, value: 2 }
            """);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0003 (12,21)", error.Id + " " + Where(error));
        Assert.Contains("'name' must be a non-empty parameter name, but it is empty", error.GetMessage());
    }

    [Fact]
    public void An_empty_workflow_parameter_name_is_reported_once()
    {
        var (diagnostics, _) = Run(
            Create + "      - stepId: d\n        operationId: create\n",
            "    parameters:\n      - { name: \"\", in: header, value: 1 }\n");

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0003 (9,17)", error.Id + " " + Where(error));
    }

    [Theory]
    [InlineData("'application/json; charset=utf-16'", "'{}'", "charset 'utf-16'")]
    [InlineData("'text/plain;charset=\"ISO-8859-1\"'", "'x {$inputs.s}'", "charset 'ISO-8859-1'")]
    [InlineData("'application/xml; charset=utf-32'", "'<a/>'", "charset 'utf-32'")]
    public void A_charset_other_than_utf8_is_an_error_naming_it(string contentType, string payload, string charset)
    {
        var (diagnostics, _) = Run(Create + $$"""
                    requestBody:
                      contentType: {{contentType}}
                      payload: {{payload}}
            """);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ARZ0003", error.Id);
        Assert.Contains("'contentType' must be UTF-8 (bodies are sent as UTF-8", error.GetMessage());
        Assert.EndsWith("but it is " + charset, error.GetMessage());
    }

    [Theory]
    [InlineData("'application/json; charset=UTF-8'")]
    [InlineData("'text/plain; charset=us-ascii'")]
    [InlineData("'text/plain; format=flowed'")]
    public void Utf8_us_ascii_and_other_parameters_are_accepted(string contentType)
    {
        var (diagnostics, output) = Run(Create + $$"""
                    requestBody:
                      contentType: {{contentType}}
                      payload: '"x"'
            """);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(Support.GeneratorHarness.CompileProblems(output));
    }
}
