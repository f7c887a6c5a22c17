using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Runtime;
using ArazzoGen.JsonPath;
using Xunit;
using Xunit.Abstractions;

namespace ArazzoGen.Tests;

/// <summary>
/// Every case of the JSONPath Compliance Test Suite (<c>TestData/jsonpath-cts</c>, see its PROVENANCE.md) as a test
/// of its own. An invalid query must be rejected by the parser the generator runs at build time (this project sees
/// the generator's copy); a valid one must be accepted there and select exactly the expected nodes, in order, through
/// the runtime's <see cref="JsonPathQuery"/> (or one of the orders the suite allows where RFC 9535 leaves it open).
/// </summary>
public class JsonPathComplianceTests
{
    private static readonly Dictionary<string, JsonElement> Cases = Load();

    public static IEnumerable<object[]> AllCases()
        => Cases.Keys.Select(name => new object[] { new ComplianceCase(name) });

    [Fact]
    public void The_suite_has_all_its_cases()
    {
        Assert.Equal(703, Cases.Count);
        Assert.Equal(247, Cases.Values.Count(c => c.TryGetProperty("invalid_selector", out _)));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Case(ComplianceCase testCase)
    {
        var data = Cases[testCase.Name];
        var selector = data.GetProperty("selector").GetString()!;
        if (data.TryGetProperty("invalid_selector", out _))
        {
            Assert.Throws<JsonPathSyntaxException>(() => JsonPathParser.Parse(selector));
            return;
        }

        JsonPathParser.Parse(selector);
        var selected = JsonPathQuery.Parse(selector).Select(data.GetProperty("document"));

        var allowed = data.TryGetProperty("result", out var result)
            ? new[] { result }
            : data.GetProperty("results").EnumerateArray().ToArray();
        Assert.True(
            allowed.Any(expected => SameNodes(expected, selected)),
            $"selected {Render(selected)}; expected {string.Join(" or ", allowed.Select(a => a.GetRawText()))}");
    }

    private static bool SameNodes(JsonElement expected, IReadOnlyList<JsonElement> selected)
        => expected.GetArrayLength() == selected.Count
           && expected.EnumerateArray().Zip(selected).All(pair => JsonElement.DeepEquals(pair.First, pair.Second));

    private static string Render(IReadOnlyList<JsonElement> nodes)
        => "[" + string.Join(",", nodes.Select(n => n.GetRawText())) + "]";

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "jsonpath-cts", "cts.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("tests").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }
}

/// <summary>A compliance case by name: the name is what the test runner shows for the row.</summary>
public sealed class ComplianceCase : IXunitSerializable
{
    /// <summary>For the runner, which creates the row and then deserializes it.</summary>
    public ComplianceCase()
    {
    }

    public ComplianceCase(string name) => Name = name;

    public string Name { get; private set; } = string.Empty;

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>("name");

    public void Serialize(IXunitSerializationInfo info) => info.AddValue("name", Name);

    public override string ToString() => Name;
}
