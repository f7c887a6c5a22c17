using System;
using System.Linq;
using System.Text;
using ArazzoGen.Tests.Support;
using Xunit;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// The minimized inputs of cases the fuzzer found failing, each run through the same checks as a fuzz case: placed
/// as the mutated file of its seed document, the other files of that seed beside it.
/// </summary>
public class FuzzRegressionTests
{
    private const string DustOpenApi = "/fuzz/openapi/dust-apps-api-openapi.yml";
    private const string DustArazzo = "/fuzz/arazzo/dust-run-app-and-poll.arazzo.yaml";

    [Theory]
    // Seed 801068828: 20,000 nested flow sequences overflowed YamlStream's recursive loader (the process died).
    [InlineData("deep flow sequences", DustArazzo, "deep-brackets")]
    [InlineData("deep flow mappings in an OpenAPI document", DustOpenApi, "deep-braces")]
    [InlineData("deep block indentation", DustArazzo, "deep-indentation")]
    // Just under the limit of 256 levels, everything downstream of the loader must cope on a 1 MB stack too.
    [InlineData("250 levels in an OpenAPI schema", DustOpenApi, "openapi-250")]
    [InlineData("250 levels in an Arazzo document", DustArazzo, "arazzo-250")]
    // Seed 802391301: Microsoft.OpenApi threw FormatException for a version string where a boolean belongs.
    [InlineData("a version where a boolean belongs", DustOpenApi,
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      deprecated: 1.0.0\n"
        + "      responses: {'200': {description: ok}}\n")]
    // The same seed minimized: an OpenAPI document whose version is empty, with unknown keys.
    [InlineData("an empty openapi version", DustOpenApi, "openapi: \ns:\nn: ")]
    // Seed 820866328, minimized: a response schema property with no value (`d:`) is a null schema in the reader.
    [InlineData("a schema property without a value", DustOpenApi,
        "openapi: 3.0\npaths:\n /:\n  get:\n      p:\n      responses:\n       2:\n        content:\n"
        + "         application/json:\r          schema:\n           properties:\n            d:")]
    [InlineData("paths, operations, parameters and responses without a value", DustOpenApi,
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n  /b:\n    get:\n  /c:\n    get:\n"
        + "      parameters: [~]\n      responses:\n        '200':\n        '201':\n          content:\n"
        + "            application/json:\n              schema:\n                properties: {d: ~, e: {items: ~}}\n")]
    // Seed 801456859 and 17 more of the first 200: a diagnostic in a file with CR (old Mac) line ends was placed by
    // counting LF only, on the wrong line.
    [InlineData("CR line ends", DustArazzo,
        "arazzo: 1.0.1\rinfo:\r  title: t\r  version: '1'\rsourceDescriptions:\r  - name: s\r"
        + "    url: ./missing.yaml\r    type: openapi\rworkflows: []\r")]
    [InlineData("mixed line ends and Unicode line separators", DustArazzo,
        "arazzo: 1.0.1\r\ninfo:\r  title: \"a\u2028b\u0085c\"\n  version: '1'\rsourceDescriptions:\r\n  - name: s\r"
        + "    url: ./missing.yaml\n    type: openapi\rworkflows: []\r")]
    [InlineData("billion laughs in an OpenAPI document", DustOpenApi, "openapi-alias-bomb")]
    [InlineData("billion laughs in an Arazzo payload", DustArazzo, "arazzo-alias-bomb")]
    public void A_case_the_fuzzer_found_failing_now_passes(string what, string path, string text)
    {
        var seed = FuzzSeeds.All.Single(s => s.Name == "seed/dust");
        var files = seed.Files.ToList();
        var index = files.FindIndex(f => f.Path == path);
        files[index] = files[index] with { Bytes = Encoding.UTF8.GetBytes(Expand(text)) };

        var outcome = FuzzRunner.Run(new FuzzInput(0, seed.Name, index, files, new[] { what }));

        Assert.True(outcome.Passed, what + ": " + string.Join(Environment.NewLine, outcome.Failures));
    }

    // Seed 59471315 of run seed 7: a megabyte-long operationId was compared by edit distance with every operation of
    // the Discord OpenAPI document for a "did you mean" (minutes, and cancellation was not observed).
    [Fact]
    public void A_megabyte_operation_id_in_a_large_document_is_reported_quickly()
    {
        const string Name = "corpus/jentic/generator/examples/workflows/discord/workflows.arazzo.json";
        var seed = FuzzSeeds.All.Single(s => s.Name == Name);
        var files = seed.Files.ToList();
        var text = Encoding.UTF8.GetString(files[0].Bytes);
        var at = text.IndexOf("\"operationId\": \"", StringComparison.Ordinal) + "\"operationId\": \"".Length;
        files[0] = files[0] with { Bytes = Encoding.UTF8.GetBytes(text.Insert(at, new string('x', 1 << 20))) };

        var outcome = FuzzRunner.Run(new FuzzInput(59_471_315, Name, 0, files, new[] { "huge operationId" }));

        Assert.True(outcome.Passed, string.Join(Environment.NewLine, outcome.Failures));
    }

    private static string Expand(string text) => text switch
    {
        "deep-brackets" => "arazzo: 1.0.1\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n",
        "deep-braces" => "openapi: 3.0.0\nx: " + string.Concat(Enumerable.Repeat("{a: ", 5_000)) + "1"
                         + new string('}', 5_000) + "\n",
        "deep-indentation" => "arazzo: 1.0.1\n" + string.Concat(Enumerable.Range(0, 3_000)
            .Select(i => new string(' ', i) + "a:\n")),
        "openapi-250" => "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
                         + "      responses:\n        '200':\n          description: ok\n          content:\n"
                         + "            application/json:\n              schema: "
                         + string.Concat(Enumerable.Repeat("{type: object, properties: {a: ", 120)) + "{}"
                         + new string('}', 240) + "\n",
        "arazzo-250" => GeneratorHarness.TestData("arazzo/dust-run-app-and-poll.arazzo.yaml")
            .Replace("arazzo: 1.0.1\n", "arazzo: 1.0.1\nx-deep: " + new string('[', 250) + new string(']', 250)
                                       + "\n", StringComparison.Ordinal),
        "openapi-alias-bomb" => "openapi: 3.0.0\ninfo: {title: t, version: '1'}\n" + Laughs("x-lol") + "paths: {}\n",
        "arazzo-alias-bomb" => GeneratorHarness.TestData("arazzo/dust-run-app-and-poll.arazzo.yaml")
            .Replace("arazzo: 1.0.1\n", "arazzo: 1.0.1\n" + Laughs("x-lol"), StringComparison.Ordinal),
        _ => text,
    };

    /// <summary>Nine levels of ten aliases: 10^9 strings once expanded.</summary>
    private static string Laughs(string key)
    {
        var text = new StringBuilder(key + ":\n  l0: &l0 lol\n");
        for (var level = 1; level < 10; level++)
        {
            text.Append("  l").Append(level).Append(": &l").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*l" + (level - 1), 10))).Append("]\n");
        }

        return text.ToString();
    }
}
