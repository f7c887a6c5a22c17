using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>The runtime side of jsonpath, xpath and regex criteria, called as generated code calls it.</summary>
public class PatternCriterionTests
{
    private static ArazzoValue Json(string json) => ArazzoValue.ParseJson(System.Text.Encoding.UTF8.GetBytes(json));

    private static string[] Select(string query, string json) => JsonPathQuery.Parse(query)
        .Select(JsonDocument.Parse(json).RootElement)
        .Select(e => e.GetRawText())
        .ToArray();

    [Theory]
    [InlineData("$[?count(@.pets) > 0]", """{"pets":[1]}""", true)]
    [InlineData("$[?count(@.pets) > 0]", """{"cats":[1]}""", false)]
    [InlineData("$[?count(@.pets[*]) > 0]", """{"pets":[]}""", false)]
    [InlineData("$[?length(@.pets) > 0]", """{"pets":[1]}""", true)]
    [InlineData("$[?@ == 'x']", "\"x\"", true)]
    public void A_query_that_filters_first_runs_over_the_context_wrapped_in_a_one_element_array(
        string query,
        string context,
        bool passes)
    {
        Assert.Equal(passes, JsonPathQuery.Parse(query).Matches(Json(context)));
    }

    [Theory]
    [InlineData("$.pets", """{"pets":[1]}""", true)]
    [InlineData("$.run.status", """{"run":{"status":"done"}}""", true)]
    [InlineData("$.run.status", """{"run":{}}""", false)]
    [InlineData("$.pets[0]", """{"pets":[]}""", false)]
    [InlineData("$..id", """{"a":[{"id":1}]}""", true)]
    [InlineData("$.items[?@.qty > 1]", """{"items":[{"qty":2}]}""", true)]
    [InlineData("$[0]", """[7]""", true)]
    [InlineData("$[0]", "null", false)]
    public void Any_other_query_runs_over_the_context_as_it_is(string query, string context, bool passes)
    {
        Assert.Equal(passes, JsonPathQuery.Parse(query).Matches(Json(context)));
    }

    [Fact]
    public void A_missing_or_unreadable_context_fails_and_says_why()
    {
        var logger = new ListLogger();
        var query = JsonPathQuery.Parse("$[?@]");

        Assert.False(query.Matches(ArazzoValue.Missing, logger));
        Assert.False(query.Matches(ArazzoValue.Invalid("the body is not valid JSON"), logger));
        Assert.Equal(
            new[] { "the context has no value", "the body is not valid JSON" },
            logger.Entries.Select(e => e.Message.Substring(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)));
    }

    [Fact]
    public void A_regex_that_runs_too_long_fails_the_criterion_even_under_a_negation()
    {
        var logger = new ListLogger();
        var context = Json($$"""{"s":"{{new string('a', 40)}}c"}""");

        // Were the timeout read as "no match", the negation would make the criterion pass.
        var passes = JsonPathQuery.Parse("$[?!match(@.s, '(a|aa)+b')]").Matches(context, logger);

        Assert.False(passes);
        Assert.Contains("time limit", Assert.Single(logger.Entries).Message);
    }

    [Fact]
    public void An_invalid_query_is_a_format_error_with_its_offset()
    {
        var error = Assert.Throws<FormatException>(() => JsonPathQuery.Parse("$[?@.a = 1]"));

        Assert.Contains("at offset 7", error.Message);
    }

    [Theory]
    [InlineData("$[?match(@, '[😀-😎]')]", """["😃","a","😏"]""", """["😃"]""")]
    [InlineData("$[?match(@, '[^a]')]", """["😀","a","ab"]""", """["😀"]""")]
    [InlineData("$[?match(@, 'x.y')]", """["x😀y","x\ny","x\u2028y"]""", """["x😀y","x\u2028y"]""")]
    [InlineData("$[?match(@, '\\\\d')]", """["1"]""", "[]")]
    [InlineData("$[?match(@, 'a*?')]", """["a"]""", "[]")]
    [InlineData("$[?search(@, '[\\\\p{Lu}-]')]", """["a-b","aB","ab"]""", """["a-b","aB"]""")]
    [InlineData("$[?match(@, 'a{2,}b{0,1}')]", """["aab","ab","aaaa"]""", """["aab","aaaa"]""")]
    public void Match_and_search_read_i_regexp_by_code_points(string query, string document, string expected)
    {
        var selected = Select(query, document);

        Assert.Equal(
            JsonDocument.Parse(expected).RootElement.EnumerateArray().Select(e => e.GetString()),
            selected.Select(s => JsonDocument.Parse(s).RootElement.GetString()));
    }

    [Theory]
    [InlineData("count(//a) > 1", true)]
    [InlineData("count(//missing)", false)]
    [InlineData("count(//a)", true)]
    [InlineData("//a", true)]
    [InlineData("//missing", false)]
    [InlineData("string(/r/@empty)", false)]
    [InlineData("string(//a)", true)]
    [InlineData("number('x')", false)]
    [InlineData("/r/a[2] = 'two'", true)]
    public void An_xpath_result_passes_as_xpath_boolean_converts_it(string expression, bool passes)
    {
        const string Xml = """<r empty=""><a>one</a><a>two</a></r>""";

        Assert.Equal(passes, XPathQuery.Compile(expression).Matches(Xml));
    }

    [Fact]
    public void An_external_entity_is_never_read()
    {
        var secret = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        File.WriteAllText(secret, "secret");
        try
        {
            var xml = $"""<!DOCTYPE r [<!ENTITY s SYSTEM "{new Uri(secret).AbsoluteUri}">]><r>&s;</r>""";
            var logger = new ListLogger();

            Assert.False(XPathQuery.Compile("contains(/r, 'secret')").Matches(xml, logger));
            Assert.False(XPathQuery.Compile("true()").Matches(xml, logger));
            Assert.All(logger.Entries, e => Assert.Contains("DTD", e.Message));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_byte_order_mark_before_the_xml_is_ignored()
    {
        Assert.True(XPathQuery.Compile("/r").Matches("\uFEFF<r/>"));
    }

    [Fact]
    public void A_regex_criterion_that_runs_too_long_fails()
    {
        var pattern = new Regex("^(a|aa)+b$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

        Assert.False(ArazzoCompare.Matches(ArazzoValue.From(new string('a', 40) + "c"), pattern));
        Assert.True(ArazzoCompare.Matches(ArazzoValue.From("aab"), pattern));
    }
}
