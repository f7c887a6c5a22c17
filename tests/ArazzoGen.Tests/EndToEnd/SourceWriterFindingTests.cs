using System.Linq;
using ArazzoGen.Emit;
using Xunit;

namespace ArazzoGen.Tests.EndToEnd;

/// <summary>
/// A fault the corpus runs exposed (Jentic's generated Discord document): a line just over the width whose string
/// literal fits beside the code before it was written without that code, so the generated file did not compile.
/// </summary>
public sealed class SourceWriterFindingTests
{
    [Theory]
    [InlineData("state.GetApplicationRoleConnectionMetadata.MetadataItems = response.Body.Pointer(\"/metadata_items\")"
                + ".AsJson();")]
    [InlineData("private static readonly string[] StepId = new[] { \"get-all-items\", \"get-item-by-id\", "
                + "\"get-all-items-again\" };")]
    public void A_line_broken_inside_its_literal_keeps_all_its_code(string line)
    {
        var writer = new SourceWriter();
        writer.Indent(3);
        writer.Line(line);

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 1, "the line was not broken");
        Assert.All(lines, l => Assert.True(l.Length <= SourceWriter.MaxWidth, l));
        var joined = string.Concat(lines.Select(l => l.Trim())).Replace("\" +\"", string.Empty);
        Assert.Equal(line, joined);
    }
}
