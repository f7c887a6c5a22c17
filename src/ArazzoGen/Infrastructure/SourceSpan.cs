using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Infrastructure;

/// <summary>
/// A place in an Arazzo or OpenAPI file, kept as plain values: a Roslyn <see cref="Location"/> in a cached
/// model would defeat caching, so one is made only when a diagnostic is reported.
/// Lines and columns are zero-based, as in <see cref="LinePosition"/>.
/// </summary>
internal readonly record struct SourceSpan(
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn)
{
    public static SourceSpan FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// The span of <paramref name="length"/> characters at <paramref name="offset"/> inside this one-line span.
    /// </summary>
    public SourceSpan Slice(int offset, int length)
    {
        if (StartLine != EndLine)
        {
            return this;
        }

        var start = System.Math.Min(offset, System.Math.Max(0, Length));
        var len = System.Math.Max(0, System.Math.Min(length, Length - start));
        return new SourceSpan(
            Path,
            Start + start,
            len,
            StartLine,
            StartColumn + start,
            EndLine,
            StartColumn + start + len);
    }

    public Location ToLocation() => Location.Create(
        Path,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
