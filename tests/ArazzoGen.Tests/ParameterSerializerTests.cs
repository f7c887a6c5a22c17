using System;
using System.Text.Json;
using ArazzoGen.Runtime;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// The parameter serializer against the "Style Examples" table of the OpenAPI Specification (3.1.1 and 3.2.0): a
/// parameter <c>color</c> holding <c>"blue"</c>, <c>["blue","black","brown"]</c> or <c>{"R":100,"G":200,"B":150}</c>,
/// and null for the table's "undefined" column. Query results are shown without the table's leading <c>?</c>.
/// </summary>
public class ParameterSerializerTests
{
    private static ArazzoValue Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ArazzoValue.From(document.RootElement.Clone());
    }

    private static ArazzoValue Value(string kind) => kind switch
    {
        "undefined" => ArazzoValue.Null,
        "string" => ArazzoValue.From("blue"),
        "array" => Json("""["blue","black","brown"]"""),
        _ => Json("""{"R":100,"G":200,"B":150}"""),
    };

    [Theory]
    [InlineData(ParameterStyle.Matrix, false, "undefined", ";color")]
    [InlineData(ParameterStyle.Matrix, false, "string", ";color=blue")]
    [InlineData(ParameterStyle.Matrix, false, "array", ";color=blue,black,brown")]
    [InlineData(ParameterStyle.Matrix, false, "object", ";color=R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Matrix, true, "undefined", ";color")]
    [InlineData(ParameterStyle.Matrix, true, "string", ";color=blue")]
    [InlineData(ParameterStyle.Matrix, true, "array", ";color=blue;color=black;color=brown")]
    [InlineData(ParameterStyle.Matrix, true, "object", ";R=100;G=200;B=150")]
    [InlineData(ParameterStyle.Label, false, "undefined", ".")]
    [InlineData(ParameterStyle.Label, false, "string", ".blue")]
    [InlineData(ParameterStyle.Label, false, "array", ".blue,black,brown")]
    [InlineData(ParameterStyle.Label, false, "object", ".R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Label, true, "undefined", ".")]
    [InlineData(ParameterStyle.Label, true, "string", ".blue")]
    [InlineData(ParameterStyle.Label, true, "array", ".blue.black.brown")]
    [InlineData(ParameterStyle.Label, true, "object", ".R=100.G=200.B=150")]
    [InlineData(ParameterStyle.Simple, false, "undefined", "")]
    [InlineData(ParameterStyle.Simple, false, "string", "blue")]
    [InlineData(ParameterStyle.Simple, false, "array", "blue,black,brown")]
    [InlineData(ParameterStyle.Simple, false, "object", "R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Simple, true, "undefined", "")]
    [InlineData(ParameterStyle.Simple, true, "string", "blue")]
    [InlineData(ParameterStyle.Simple, true, "array", "blue,black,brown")]
    [InlineData(ParameterStyle.Simple, true, "object", "R=100,G=200,B=150")]
    public void Path_styles_follow_the_openapi_table(ParameterStyle style, bool explode, string kind, string expected)
        => Assert.Equal(expected, ParameterSerializer.Path("color", Value(kind), style, explode));

    [Theory]
    [InlineData(ParameterStyle.Form, false, "undefined", "color=")]
    [InlineData(ParameterStyle.Form, false, "string", "color=blue")]
    [InlineData(ParameterStyle.Form, false, "array", "color=blue,black,brown")]
    [InlineData(ParameterStyle.Form, false, "object", "color=R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Form, true, "undefined", "color=")]
    [InlineData(ParameterStyle.Form, true, "string", "color=blue")]
    [InlineData(ParameterStyle.Form, true, "array", "color=blue&color=black&color=brown")]
    [InlineData(ParameterStyle.Form, true, "object", "R=100&G=200&B=150")]
    [InlineData(ParameterStyle.SpaceDelimited, false, "array", "color=blue%20black%20brown")]
    [InlineData(ParameterStyle.SpaceDelimited, false, "object", "color=R%20100%20G%20200%20B%20150")]
    [InlineData(ParameterStyle.PipeDelimited, false, "array", "color=blue%7Cblack%7Cbrown")]
    [InlineData(ParameterStyle.PipeDelimited, false, "object", "color=R%7C100%7CG%7C200%7CB%7C150")]
    [InlineData(ParameterStyle.DeepObject, true, "object", "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150")]
    public void Query_styles_follow_the_openapi_table(ParameterStyle style, bool explode, string kind, string expected)
        => Assert.Equal(expected, ParameterSerializer.Query("color", Value(kind), style, explode, false));

    [Theory]
    // Combinations the table marks n/a: delimited styles of a scalar, or exploded, fall back to form.
    [InlineData(ParameterStyle.SpaceDelimited, false, "string", "color=blue")]
    [InlineData(ParameterStyle.PipeDelimited, true, "array", "color=blue&color=black&color=brown")]
    // deepObject of a scalar is a plain pair; nested values nest further, arrays by index.
    [InlineData(ParameterStyle.DeepObject, true, "string", "color=blue")]
    [InlineData(ParameterStyle.DeepObject, true, "array", "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown")]
    public void Query_combinations_the_table_leaves_open_have_a_documented_reading(
        ParameterStyle style,
        bool explode,
        string kind,
        string expected)
        => Assert.Equal(expected, ParameterSerializer.Query("color", Value(kind), style, explode, false));

    [Fact]
    public void Deep_objects_nest_and_encode_names_and_values()
    {
        var value = Json("""{"a b":{"c":[1,{"d":"x&y"}]},"e":null}""");

        Assert.Equal(
            "f%5Ba%20b%5D%5Bc%5D%5B0%5D=1&f%5Ba%20b%5D%5Bc%5D%5B1%5D%5Bd%5D=x%26y&f%5Be%5D=",
            ParameterSerializer.Query("f", value, ParameterStyle.DeepObject, explode: true, allowReserved: false));
    }

    [Theory]
    [InlineData(false, "undefined", "")]
    [InlineData(false, "string", "blue")]
    [InlineData(false, "array", "blue,black,brown")]
    [InlineData(false, "object", "R,100,G,200,B,150")]
    [InlineData(true, "object", "R=100,G=200,B=150")]
    public void Headers_are_simple_style(bool explode, string kind, string expected)
        => Assert.Equal(expected, ParameterSerializer.Header(Value(kind), explode));

    [Theory]
    [InlineData(ParameterStyle.Form, true, "string", "color=blue")]
    [InlineData(ParameterStyle.Form, true, "array", "color=blue; color=black; color=brown")]
    [InlineData(ParameterStyle.Form, true, "object", "R=100; G=200; B=150")]
    [InlineData(ParameterStyle.Form, false, "array", "color=blue,black,brown")]
    [InlineData(ParameterStyle.Form, false, "object", "color=R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Cookie, true, "array", "color=blue; color=black; color=brown")]
    [InlineData(ParameterStyle.Cookie, false, "object", "color=R,100,G,200,B,150")]
    public void Cookies_are_pairs_separated_by_semicolon_and_space(
        ParameterStyle style,
        bool explode,
        string kind,
        string expected)
        => Assert.Equal(expected, ParameterSerializer.Cookie("color", Value(kind), style, explode));

    [Fact]
    public void Form_cookies_percent_encode_and_cookie_style_refuses_what_a_cookie_cannot_hold()
    {
        var hostile = ArazzoValue.From("a; b=c\r\n");

        Assert.Equal("k=a%3B%20b%3Dc%0D%0A", ParameterSerializer.Cookie("k", hostile, ParameterStyle.Form, true));
        Assert.Throws<FormatException>(() => ParameterSerializer.Cookie("k", hostile, ParameterStyle.Cookie, true));
        Assert.Equal("k=a%3B", ParameterSerializer.Cookie("k", ArazzoValue.From("a%3B"), ParameterStyle.Cookie, true));
    }

    [Fact]
    public void A_missing_value_is_not_sent_anywhere()
    {
        Assert.Null(ParameterSerializer.Path("p", ArazzoValue.Missing, ParameterStyle.Simple, false));
        Assert.Null(ParameterSerializer.Query("q", ArazzoValue.Missing, ParameterStyle.Form, true, false));
        Assert.Null(ParameterSerializer.Header(ArazzoValue.Missing, false));
        Assert.Null(ParameterSerializer.Cookie("c", ArazzoValue.Missing, ParameterStyle.Form, true));
    }

    [Theory]
    [InlineData("../a/b?c#d", "..%2Fa%2Fb%3Fc%23d")]
    [InlineData("x&y=z", "x%26y%3Dz")]
    [InlineData("café ❤", "caf%C3%A9%20%E2%9D%A4")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("-._~", "-._~")]
    public void Path_and_query_values_are_percent_encoded_as_rfc_3986_unreserved_only(string text, string expected)
    {
        var value = ArazzoValue.From(text);

        Assert.Equal(expected, ParameterSerializer.Path("p", value, ParameterStyle.Simple, false));
        Assert.Equal("q=" + expected, ParameterSerializer.Query("q", value, ParameterStyle.Form, true, false));
        Assert.Equal(Uri.EscapeDataString(text), expected);
    }

    [Fact]
    public void Allow_reserved_passes_reserved_characters_and_triples_but_not_those_that_split_the_query()
    {
        var value = ArazzoValue.From("a/b:c?d@e!$'()*,;%2F%zz[x]#f&g=h+i j");

        Assert.Equal(
            "r=a/b:c?d@e!$'()*,;%2F%25zz%5Bx%5D%23f%26g%3Dh%2Bi%20j",
            ParameterSerializer.Query("r", value, ParameterStyle.Form, true, allowReserved: true));
    }

    [Fact]
    public void Nested_values_in_arrays_and_objects_are_compact_json()
    {
        var value = Json("""{ "a": [1, 2], "b": { "c" : true } , "n": null }""");

        Assert.Equal(
            "a,%5B1%2C2%5D,b,%7B%22c%22%3Atrue%7D,n,",
            ParameterSerializer.Path("x", value, ParameterStyle.Simple, false));
    }
}
