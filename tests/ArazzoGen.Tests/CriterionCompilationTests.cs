using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// Each criterion form through the generator: what compiles, and what is reported where. The criterion under test is
/// the step's only success criterion, with its <c>condition</c> on line 12 of the document, its text from column 25.
/// </summary>
public class CriterionCompilationTests
{
    private const string Path = "/p/w.arazzo.yaml";
    private const int ConditionLine = 12;
    private const int ConditionColumn = 25;

    private static (GeneratorRunResult Result, Compilation Output) Generate(
        string condition,
        string type,
        string context = "$response.body")
    {
        var document = $"""
            arazzo: 1.0.1
            info: {"{"} title: t, version: v {"}"}
            sourceDescriptions:
              - {"{"} name: api, url: ./api.yaml, type: openapi {"}"}
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: get
                    successCriteria:
                      - context: {context}
                        condition: '{condition}'
                        type: {type}
            """;
        var api = "openapi: 3.0.0\ninfo: { title: a, version: v }\npaths:\n  /r:\n    get:\n"
                  + "      operationId: get\n      responses: { '200': { description: ok } }\n";
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText(Path, document),
            new InMemoryAdditionalText("/p/api.yaml", api));
        var (result, output, _) = GeneratorHarness.Run(files);
        Assert.Null(result.Exception);
        return (result, output);
    }

    private static string Where(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    /// <summary>Where the character at <paramref name="offset"/> of the condition is in the document.</summary>
    private static string AtOffset(int offset) => $"{Path}({ConditionLine},{ConditionColumn + offset})";

    private static Diagnostic SingleError(GeneratorRunResult result, string id)
    {
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        return error;
    }

    private static string Code(GeneratorRunResult result) => result.GeneratedSources.Single().SourceText.ToString();

    [Theory]
    [InlineData("$[?count(@.pets) > 0]")]
    [InlineData("$..pets[?@.name && match(@.name, \"[A-Z].*\")]")]
    [InlineData("$[0].pets[-1:0:-1]")]
    [InlineData("$[?value(@..status) == \"done\" || search(@.note, \"x\")]")]
    public void An_RFC_9535_query_becomes_a_static_field_the_criterion_calls(string condition)
    {
        var (result, output) = Generate(condition, "jsonpath");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var code = Code(result);
        Assert.Contains("private static readonly Arazzo.JsonPathQuery JsonPath0 = Arazzo.JsonPathQuery.Parse(", code);
        Assert.Contains("JsonPath0.Matches(response.Body, _logger)", code);
    }

    [Theory]
    [InlineData("$[?@.a == ]", 10, "expected a query")]
    [InlineData("$[?size(@.a) > 1]", 3, "unknown function 'size'")]
    [InlineData("$[?length(@.a)]", 3, "length() gives a value, which is not a test")]
    [InlineData("$[?count(@.a) > 0 && length(@.*) > 1]", 28, "argument 1 of length() must be a value")]
    [InlineData("$[?@.items[*] == 1]", 3, "only a singular query")]
    [InlineData("$[?match(@.a, \"x\") == true]", 3, "match() gives a logical result")]
    [InlineData("$.a[01]", 4, "no leading zeros")]
    [InlineData("$[?@.a == \"open]", 10, "a string is not closed")]
    [InlineData("$.a ", 3, "blank space is not allowed here")]
    public void An_invalid_query_is_an_error_at_its_column_in_the_yaml(string condition, int offset, string message)
    {
        var (result, _) = Generate(condition, "jsonpath");

        var error = SingleError(result, "ARZ0010");
        Assert.Equal(AtOffset(offset), Where(error));
        Assert.Contains("not a valid RFC 9535 JSONPath query", error.GetMessage());
        Assert.Contains(message, error.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_query_nested_too_deeply_is_an_error_not_a_crash()
    {
        var condition = "$[?" + new string('(', 200) + "@.a" + new string(')', 200) + "]";
        var (result, _) = Generate(condition, "jsonpath");

        Assert.Contains("nested too deeply", SingleError(result, "ARZ0010").GetMessage());
    }

    [Fact]
    public void The_comparison_form_compares_the_selected_value_and_shows_the_RFC_spelling()
    {
        var (result, output) = Generate("$.run.status == \"done\"", "jsonpath");

        var info = Assert.Single(result.Diagnostics);
        Assert.Equal("ARZ0012", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(AtOffset(0), Where(info));
        Assert.Contains("The RFC 9535 form is '$[?@.run.status == \"done\"]'", info.GetMessage());
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("response.Body.Member(\"run\").Member(\"status\")", Code(result));
        Assert.DoesNotContain("JsonPathQuery", Code(result));
    }

    [Theory]
    [InlineData("$.status == done", 12, "expected a literal")]
    [InlineData("$.items[*].id == 1", 0, "needs a singular query")]
    [InlineData("$.status == 1 2", 14, "unexpected '2'")]
    public void A_malformed_comparison_form_is_an_error_at_its_column(string condition, int offset, string message)
    {
        var (result, _) = Generate(condition, "jsonpath");

        var error = SingleError(result, "ARZ0010");
        Assert.Equal(AtOffset(offset), Where(error));
        Assert.Contains(message, error.GetMessage());
    }

    [Theory]
    [InlineData("draft-goessner-dispatch-jsonpath-00")]
    [InlineData("rfc9535")]
    public void Both_jsonpath_versions_run_on_the_same_engine(string version)
    {
        var (result, output) = Generate("$[?@.a]", $"{{ type: jsonpath, version: {version} }}");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("JsonPath0.Matches(response.Body, _logger)", Code(result));
    }

    [Theory]
    [InlineData("{ type: jsonpath, version: rfc-9535 }", 46,
        "'version' must be draft-goessner-dispatch-jsonpath-00 or rfc9535, but it is 'rfc-9535'; "
        + "did you mean 'rfc9535'?")]
    [InlineData("{ type: xpath, version: xpath-40 }", 43, "'version' must be xpath-10 or xpath-20 or xpath-30")]
    [InlineData("{ type: regex, version: v1 }", 43, "'type' must be a plain string for a regex criterion")]
    public void An_unknown_version_is_an_error_at_the_version(string type, int column, string message)
    {
        var (result, _) = Generate("x", type);

        var error = SingleError(result, "ARZ0003");
        Assert.Equal($"{Path}(13,{column})", Where(error));
        Assert.Contains(message, error.GetMessage());
    }

    [Theory]
    [InlineData("xpath", "/order/status = \"shipped\"", "response.BodyText")]
    [InlineData("{ type: xpath, version: xpath-30 }", "count(//item) > 1", "response.BodyText")]
    [InlineData("xpath", "/order", "response.Body.Pointer(\"/xml\").ToText()", "$response.body#/xml")]
    public void An_xpath_criterion_is_compiled_once_and_reads_the_context_as_text(
        string type,
        string condition,
        string xml,
        string context = "$response.body")
    {
        var (result, output) = Generate(condition, type, context);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var code = Code(result);
        Assert.Contains("private static readonly Arazzo.XPathQuery XPath0 = Arazzo.XPathQuery.Compile(", code);
        Assert.Contains($"XPath0.Matches({xml}, _logger)", code);
    }

    [Theory]
    [InlineData("xpath", "/order/[", "not a valid XPath 1.0 expression:")]
    [InlineData("{ type: xpath, version: xpath-30 }", "ends-with(/order/id, \"7\")",
        "not a valid XPath 1.0 expression (the criterion asks for xpath-30; ArazzoGen evaluates XPath 1.0): "
        + "it uses a function")]
    [InlineData("xpath", "/o:order", "namespace prefix")]
    [InlineData("xpath", "/order[$id]", "variable")]
    public void An_expression_that_is_not_XPath_1_0_is_an_error_naming_the_version(
        string type,
        string condition,
        string message)
    {
        var (result, _) = Generate(condition, type);

        var error = SingleError(result, "ARZ0010");
        Assert.Equal(AtOffset(0), Where(error));
        Assert.Contains(message, error.GetMessage());
    }

    [Fact]
    public void An_invalid_regex_is_an_error_at_the_condition()
    {
        var (result, _) = Generate("^(open", "regex");

        var error = SingleError(result, "ARZ0010");
        Assert.Equal(AtOffset(0), Where(error));
        Assert.Contains("is not a valid regular expression", error.GetMessage());
    }

    [Fact]
    public void A_regex_runs_with_a_match_timeout()
    {
        var (result, output) = Generate("^(DONE|COMPLETE)$", "regex");

        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var code = Code(result);
        Assert.Contains("global::System.Text.RegularExpressions.Regex Pattern0 = new(", code);
        Assert.Contains("global::System.TimeSpan.FromSeconds(1));", code);
        Assert.Contains("Arazzo.ArazzoCompare.Matches(Arazzo.ArazzoValue.From(response.BodyText), Pattern0)", code);
    }

    [Fact]
    public void A_long_pattern_is_written_in_pieces_within_120_columns()
    {
        var condition = "$[?" + string.Join(" || ", Enumerable.Range(0, 20).Select(i => $"@.field{i} == \"value {i}\""))
                        + "]";
        var (result, output) = Generate(condition, "jsonpath");

        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var lines = Code(result).Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 120, line));
        Assert.Contains(lines, line => line.EndsWith("\" +", System.StringComparison.Ordinal));
    }
}
