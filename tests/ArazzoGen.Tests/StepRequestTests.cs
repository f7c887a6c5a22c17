using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>The request a step builds, checked without sending it.</summary>
public class StepRequestTests
{
    private static readonly Uri Base = new("http://127.0.0.1:1/api/");

    private static StepRequest Request(string path = "/items") => new("s", "src", "POST", path, null);

    private static WorkflowFailure Refusal(Action action)
        => Assert.Throws<WorkflowFailureException>(action).Failure;

    [Fact]
    public void Cookies_follow_a_cookie_header_the_step_set_itself_and_read_back_as_sent()
    {
        var request = Request();
        request.AddHeader("Cookie", "a=1");
        request.AddCookie("b", ArazzoValue.From("x y"));
        request.AddCookie("c", "2");

        using var message = request.ToHttpRequestMessage(Base);

        Assert.Equal("a=1; b=x%20y; c=2", string.Join("|", message.Headers.GetValues("Cookie")));
        Assert.Equal("a=1; b=x%20y; c=2", request.Header("cookie").ToText());
        Assert.Equal("http://127.0.0.1:1/api/items", message.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void An_empty_path_value_is_refused_since_it_would_change_the_path()
    {
        var failure = Refusal(() => Request("/items/{id}").AddPathParameter("id", ""));

        Assert.Equal(WorkflowFailureKind.InvalidRequest, failure.Kind);
        Assert.Contains("'id' is empty", failure.Message);
    }

    [Theory]
    [InlineData("X Bad")]
    [InlineData("X:Bad")]
    [InlineData("")]
    public void A_header_name_that_is_no_http_token_is_refused(string name)
        => Assert.Contains("not an HTTP token", Refusal(() => Request().AddHeader(name, "v")).Message);

    [Fact]
    public void A_content_header_needs_a_body_and_the_body_media_type_wins_over_a_content_type_parameter()
    {
        var bodiless = Request();
        bodiless.AddHeader("Content-Language", "en");
        Assert.Contains("without a body", Refusal(() => bodiless.ToHttpRequestMessage(Base)).Message);

        var request = Request();
        request.AddHeader("Content-Type", "text/html");
        request.AddHeader("Content-Language", "en");
        request.SetTextBody("text/plain", "hi");
        using var message = request.ToHttpRequestMessage(Base);

        Assert.Equal("text/plain", message.Content!.Headers.ContentType!.ToString());
        Assert.Equal("en", message.Content.Headers.ContentLanguage.Single());
        Assert.Equal("text/plain", request.Header("Content-Type").ToText());
    }

    [Fact]
    public async Task A_multipart_boundary_the_document_wrote_is_replaced_by_a_random_one()
    {
        var request = Request();
        request.SetMultipartBody("multipart/form-data; boundary=guessable", w =>
        {
            w.WriteStartObject();
            w.WriteString("a", "--guessable");
            w.WriteEndObject();
        });

        using var message = request.ToHttpRequestMessage(Base);

        var boundary = message.Content!.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        Assert.StartsWith("arazzo-", boundary);
        var body = Encoding.UTF8.GetString(await message.Content.ReadAsByteArrayAsync());
        Assert.StartsWith($"--{boundary}\r\n", body);
        Assert.EndsWith($"\r\n--{boundary}--\r\n", body);
    }

    [Fact]
    public void A_replacement_without_a_body_or_on_a_text_body_fails_the_step()
    {
        Assert.Contains("no request body", Refusal(() => Request().AddReplacement("/a", ArazzoValue.From(1))).Message);

        var request = Request();
        request.SetTextBody("text/plain", "a");
        request.AddReplacement("/a", ArazzoValue.From(1));
        var failure = Refusal(() => request.ToHttpRequestMessage(Base));
        Assert.Contains("replacements apply to JSON and XML", failure.Message);
    }

    [Fact]
    public async Task An_xpath_replacement_sets_every_node_it_selects_and_may_name_declared_prefixes()
    {
        var request = Request();
        request.SetXmlBody("application/xml", "<p:a xmlns:p=\"urn:x\"><p:b>1</p:b><p:b k=\"v\">2</p:b></p:a>");
        request.AddReplacement("/p:a/p:b", ArazzoValue.From("x<y"));
        request.AddReplacement("//@k", ArazzoValue.From(3));

        using var message = request.ToHttpRequestMessage(Base);

        const string Expected = "<p:a xmlns:p=\"urn:x\"><p:b>x&lt;y</p:b><p:b k=\"3\">x&lt;y</p:b></p:a>";
        Assert.Equal(Expected, await message.Content!.ReadAsStringAsync());
        Assert.Equal(Expected, request.Body.ToText());
    }

    [Fact]
    public void A_request_to_the_same_target_as_the_one_before_reuses_its_uri_and_any_other_builds_its_own()
    {
        static StepRequest Poll(string id, string? page = null)
        {
            var request = new StepRequest("poll", "src", "GET", "/runs/{id}", null);
            request.AddPathParameter("id", id);
            if (page is not null)
            {
                request.AddQueryParameter("page", page);
            }

            return request;
        }

        var first = Poll("r 1");
        using var sent = first.ToHttpRequestMessage(Base, null);
        using var again = Poll("r 1").ToHttpRequestMessage(Base, first);
        using var other = Poll("r 2").ToHttpRequestMessage(Base, first);
        using var paged = Poll("r 1", "2").ToHttpRequestMessage(Base, first);
        using var elsewhere = Poll("r 1").ToHttpRequestMessage(new Uri("http://127.0.0.1:2/api/"), first);

        Assert.Same(sent.RequestUri, again.RequestUri);
        Assert.Equal("http://127.0.0.1:1/api/runs/r%201", sent.RequestUri!.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:1/api/runs/r%202", other.RequestUri!.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:1/api/runs/r%201?page=2", paged.RequestUri!.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:2/api/runs/r%201", elsewhere.RequestUri!.AbsoluteUri);

        first.AddQueryParameter("page", "3");
        using var later = first.ToHttpRequestMessage(Base);
        Assert.Equal("http://127.0.0.1:1/api/runs/r%201?page=3", later.RequestUri!.AbsoluteUri);
    }
}
