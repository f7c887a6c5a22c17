using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Expressions;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

public class ConditionTests
{
    [Fact]
    public void Not_binds_tighter_than_comparison_which_binds_tighter_than_and_then_or()
    {
        var tree = ConditionParser.ParseSimple("!$statusCode == 200 && $statusCode < 300 || ($inputs.a)", out _);

        var or = Assert.IsType<Logical>(tree);
        Assert.Equal("||", or.Operator);
        var and = Assert.IsType<Logical>(or.Left);
        Assert.Equal("&&", and.Operator);
        var equal = Assert.IsType<Comparison>(and.Left);
        Assert.IsType<Not>(equal.Left);
        Assert.IsType<Comparison>(and.Right);
        Assert.IsType<ExpressionOperand>(or.Right);
    }

    [Theory]
    [InlineData("$statusCode == 'it''s'", "it's")]
    [InlineData("$statusCode == \"double\"", "double")]
    public void String_literals_unescape_doubled_quotes_and_accept_double_quotes(string condition, string literal)
    {
        var comparison = Assert.IsType<Comparison>(ConditionParser.ParseSimple(condition, out _));

        Assert.Equal(literal, Assert.IsType<LiteralOperand>(comparison.Right).Value);
    }

    [Theory]
    [InlineData("$statusCode ==", 14)]
    [InlineData("($statusCode == 200", 0)]
    [InlineData("$statusCode == 'open", 15)]
    [InlineData("$steps..x == 1", 7)]
    [InlineData("== 200", 0)]
    public void Syntax_errors_point_at_their_offset(string condition, int offset)
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.ParseSimple(condition, out _));

        Assert.Equal(offset, error.Offset);
    }

    [Theory]
    [InlineData("\"Succeeded\"", "\"succeeded\"", true)]
    [InlineData("1", "1.0", true)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("null", "null", true)]
    [InlineData("true", "1", false)]
    [InlineData("{\"a\":[1,\"X\"]}", "{\"a\":[1,\"x\"]}", true)]
    public void Equality_is_case_insensitive_numeric_and_never_across_json_types(string left, string right, bool equal)
    {
        var a = ArazzoValue.From(JsonDocument.Parse(left).RootElement);
        var b = ArazzoValue.From(JsonDocument.Parse(right).RootElement);

        Assert.Equal(equal, ArazzoCompare.Equal(a, b));
    }

    [Fact]
    public void A_condition_of_too_many_terms_or_too_deep_is_refused_where_it_crosses_the_limit()
    {
        const string Term = "$statusCode == 200";
        var hundred = string.Join(" && ", System.Linq.Enumerable.Repeat(Term, ConditionParser.MaxLogicalOperators + 1));
        Assert.NotNull(ConditionParser.ParseSimple(hundred, out _));

        var tooMany = string.Join(" || ", System.Linq.Enumerable.Repeat(Term, 20_000));
        var many = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.ParseSimple(tooMany, out _));
        Assert.Equal(hundred.Length + 1, many.Offset);
        Assert.Contains("write separate criteria", many.Message);

        var open = new string('(', ConditionParser.MaxNesting);
        var close = new string(')', ConditionParser.MaxNesting);
        Assert.NotNull(ConditionParser.ParseSimple(open + Term + close, out _));
        var deep = Assert.Throws<ConditionSyntaxException>(
            () => ConditionParser.ParseSimple("!" + new string('(', 5_000) + Term + new string(')', 5_000), out _));
        Assert.Equal(ConditionParser.MaxNesting, deep.Offset);
    }

    [Fact]
    public void Comparisons_with_a_missing_value_are_false_both_ways()
    {
        var missing = ArazzoValue.Missing;
        var one = ArazzoValue.From(1L);

        Assert.False(ArazzoCompare.Equal(missing, one));
        Assert.False(ArazzoCompare.NotEqual(missing, one));
        Assert.False(ArazzoCompare.Less(missing, one));
        Assert.False(ArazzoCompare.GreaterOrEqual(missing, one));
        Assert.False(ArazzoCompare.IsTrue(ArazzoValue.From("true")));
        Assert.True(ArazzoCompare.IsTrue(ArazzoValue.From(true)));
    }

    [Fact]
    public void Embedded_values_render_as_the_specification_says()
    {
        Assert.Equal("2.5", ArazzoValue.From(2.5).ToText());
        Assert.Equal("false", ArazzoValue.From(false).ToText());
        Assert.Equal(string.Empty, ArazzoValue.Null.ToText());
        Assert.Equal(
            """{"a":[1,2]}""",
            ArazzoValue.From(JsonDocument.Parse("""{ "a" : [1, 2] }""").RootElement).ToText().Replace(" ", ""));
        Assert.Equal("x", ArazzoValue.ParseJson("""{"p":{"q":["x"]}}"""u8.ToArray()).Pointer("/p/q/0").AsString());
        Assert.True(ArazzoValue.ParseJson("""{"p":null}"""u8.ToArray()).Pointer("/p/q").IsMissing);
    }

    [Theory]
    [InlineData("\uFEFF{\"a\": [1, \"x\"]}")]
    [InlineData(" \r\n 12.5e1 \t")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\": 1} }")]
    [InlineData("{\"a\": ")]
    [InlineData("   ")]
    [InlineData("deep")]
    public void A_response_body_reads_as_parse_json_reads_it(string text)
    {
        // The response parses its own body in place; what it reads, and why it cannot, must not differ.
        var body = System.Text.Encoding.UTF8.GetBytes(
            text == "deep" ? new string('[', 300) + new string(']', 300) : text);
        var headers = new System.Collections.Generic.Dictionary<string, string>();
        var response = new StepResponse("GET", new System.Uri("http://127.0.0.1/"), 200, headers, body, null);

        var expected = ArazzoValue.ParseJson(body);
        var actual = response.Body;

        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.IsMissing ? "-" : expected.ToText(), actual.IsMissing ? "-" : actual.ToText());
    }

    [Fact]
    public void A_list_of_items_nested_deeper_than_the_reader_default_converts()
    {
        var text = new string('[', 200) + new string(']', 200);
        var item = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 }).RootElement;

        var list = ArazzoValue.From(new[] { item, item });

        Assert.Equal(ArazzoValueKind.Structure, list.Kind);
        Assert.Equal("[" + text + "," + text + "]", list.ToText());
    }

    [Fact]
    public void Generated_output_is_the_same_on_every_run()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.SeedFiles())
            .Result.GeneratedSources.Single().SourceText.ToString();
        var second = GeneratorHarness.Run(GeneratorHarness.SeedFiles())
            .Result.GeneratedSources.Single().SourceText.ToString();

        Assert.Equal(first, second);
        Assert.DoesNotContain("/project", first);
    }

    [Theory]
    [InlineData("$[?@.run.status.run == 'succeeded']", true)]
    [InlineData("$[?(@.run.status.run == 'SUCCEEDED')]", false)]
    [InlineData("$.run.status.run == 'SUCCEEDED'", true)]
    [InlineData("$[?count(@.run.results[*]) == 1 && length(@.run.status.run) > 3]", true)]
    [InlineData("$..[?@ == 'succeeded']", true)]
    [InlineData("$[?match(@.run.status.run, 'succ.*')]", true)]
    [InlineData("$[?@.run.status.run == 'running' || @.run.missing]", false)]
    [InlineData("$[?@.run.results]", true)]
    [InlineData("$.run.status.run == 'succeeded'", true)]
    [InlineData("$.run.status.run != 'succeeded'", false)]
    [InlineData("$[0].run.status", false)] // not a filter first: the body itself, an object, has no [0]
    [InlineData("$.run", true)]
    [InlineData("$.run.nothing", false)]
    public void JsonPath_criteria_compile_and_evaluate_over_the_context(string condition, bool expected)
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
                    onSuccess:
                      - name: matched
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "{{condition}}" }
            """;
        var api = "openapi: 3.0.0\ninfo: { title: a, version: v }\npaths:\n  /r:\n    get:\n"
            + "      operationId: get\n      responses: { '200': { description: ok } }\n";
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/w.arazzo.yaml", document), new InMemoryAdditionalText("/p/api.yaml", api));

        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var code = result.GeneratedSources.Single().SourceText.ToString();
        // The condition runs from "if (" to the line before the opening brace; long ones are wrapped.
        var lines = code.Split('\n').SkipWhile(l => !l.Contains("// Action 'matched'")).Skip(1)
            .TakeWhile(l => l.Trim() != "{").Select(l => l.Trim());
        var trimmed = string.Join(" ", lines);
        var criterion = trimmed.Substring("if (".Length, trimmed.Length - "if (".Length - 1);

        // The static fields the criterion uses: "private static readonly ... JsonPath0 = ...;", one or more lines.
        var fields = string.Join("\n", System.Text.RegularExpressions.Regex.Matches(
                code,
                @"private static readonly [^=]+ JsonPath\d+ = [^;]+;")
            .Select(m => m.Value));

        // Evaluate the emitted C# against a body by hand-binding 'response.Body' to the value.
        var body = ArazzoValue.ParseJson("""{"run":{"status":{"run":"succeeded"},"results":[[1]]}}"""u8.ToArray());
        Assert.Equal(expected, CriterionEvaluator.Evaluate(criterion, body, fields));
    }
}
