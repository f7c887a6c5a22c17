using System.Linq;
using System.Threading;
using ArazzoGen.Reading;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// How a file is read: one that looks like a single OpenAPI document goes straight to Microsoft.OpenApi, which parses
/// it once; anything it refuses, and anything else, takes the long way through YamlDotNet, so each fault is still
/// reported where it is.
/// </summary>
public class DocumentReaderTests
{
    [Theory]
    [InlineData("openapi: 3.1.0\ninfo: {}\n", true, false, false)]
    [InlineData("'swagger' : '2.0'\n", true, false, false)]
    [InlineData("{\"openapi\":\"3.0.3\",\"paths\":{}}", true, false, false)]
    [InlineData("{\n  \"openapi\": \"3.0.3\"\n}\n", true, false, false)]
    [InlineData("\n\n  {\"openapi\":\"3.0.3\"}", true, false, false)]
    [InlineData("x: 1\n{\"openapi\":\"3.0.3\"}", false, false, false)]
    [InlineData("---\n# c\nopenapi: 3.1.0\n", true, false, false)]
    [InlineData("openapi: 3.1.0\n---\nx: 1\n", true, false, true)]
    [InlineData("openapi: 3.1.0\n...\n", true, false, true)]
    [InlineData("arazzo: 1.0.1\nsourceDescriptions:\n  - {name: a, type: openapi}\n", false, true, false)]
    [InlineData("x:\n  openapi: 3.1.0\n", true, false, false)]
    [InlineData("openapiVersion: 3\n\"openapi': 3\nopenapi\n---x\n", false, false, false)]
    public void Key_lines_tell_what_a_file_may_be(string text, bool openApi, bool arazzo, bool several)
    {
        var keys = KeyLines.Of(text);

        Assert.Equal((openApi, arazzo, several), (keys.OpenApi, keys.Arazzo, keys.SeveralDocuments));
    }

    [Fact]
    public void An_openapi_document_is_indexed_without_a_diagnostic()
    {
        var file = DocumentReader.Read("/p/api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
            CancellationToken.None);

        Assert.NotNull(file.OpenApi);
        Assert.Empty(file.Diagnostics);
    }

    [Theory]
    // Microsoft.OpenApi refuses a repeated key without a position; YamlDotNet reports the key.
    [InlineData("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n", 3, 0)]
    // Microsoft.OpenApi reads only the first document of a stream; the broken second one is still reported.
    [InlineData("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n---\nx: [\n", 5, 0)]
    public void What_microsoft_openapi_refuses_or_skips_is_reported_where_it_is(string text, int line, int column)
    {
        var file = DocumentReader.Read("/p/api.yaml", text, CancellationToken.None);

        Assert.Null(file.OpenApi);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ARZ0006", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void An_openapi_document_nested_past_the_limit_is_refused_at_the_level_that_crosses_it()
    {
        var text = "openapi: 3.1.0\nx: " + new string('[', 300) + new string(']', 300) + "\n";

        var file = DocumentReader.Read("/p/api.yaml", text, CancellationToken.None);

        Assert.Null(file.OpenApi);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ARZ0018", diagnostic.Id);
        Assert.Equal((1, 3 + DocumentReader.MaxNesting - 1), (diagnostic.Location.StartLine,
            diagnostic.Location.StartColumn));
    }

    [Fact]
    public void A_file_that_only_mentions_openapi_below_its_root_is_not_ours()
    {
        var file = DocumentReader.Read("/p/config.yaml", "tools:\n  openapi: 3.1.0\n", CancellationToken.None);

        Assert.Null(file.OpenApi);
        Assert.Null(file.Arazzo);
        Assert.Empty(file.Diagnostics);
    }

    [Theory]
    // Nested past Microsoft.OpenApi's limit of 64 but within the nesting scan's 256: the reader's own position.
    [InlineData("/p/api.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx: ", 3, 66)]
    [InlineData(
        "/p/api.json",
        "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"}," + "\"paths\":{},\"x\":",
        0,
        132)]
    public void What_microsoft_openapi_refuses_with_a_position_is_reported_there(
        string path, string start, int line, int column)
    {
        var close = path.EndsWith(".json", System.StringComparison.Ordinal) ? "}" : "\n";
        var text = start + new string('[', 100) + new string(']', 100) + close;

        var file = DocumentReader.Read(path, text, CancellationToken.None);

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("ARZ0006", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void A_data_file_in_a_folder_named_for_arazzo_is_not_taken_for_an_arazzo_document()
    {
        var text = "x: " + new string('[', 300) + new string(']', 300) + "\n";

        var data = DocumentReader.Read("/p/my-arazzo-flows/data/deep.yaml", text, CancellationToken.None);
        Assert.Empty(data.Diagnostics);
        Assert.Equal("ARZ0018", Assert.Single(
            DocumentReader.Read("/p/data/deep.arazzo.yaml", text, CancellationToken.None).Diagnostics).Id);
    }
}
