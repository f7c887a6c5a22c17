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
    int EndColumn,
    EquatableArray<int> Escapes = default)
{
    public static SourceSpan FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    /// <summary>No place in a file: for what a project setting, not a document, gets wrong.</summary>
    public static SourceSpan None => new(string.Empty, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// The span of <paramref name="length"/> characters at <paramref name="offset"/> inside this one-line span.
    /// </summary>
    public SourceSpan Slice(int offset, int length)
    {
        if (StartLine != EndLine)
        {
            return this;
        }

        // Offsets count the text as read; an escape (\" or \u00e9 in a quoted scalar) is longer in the file.
        var from = SourceOffset(offset);
        var to = SourceOffset(offset + length);
        var start = System.Math.Min(from, System.Math.Max(0, Length));
        var len = System.Math.Max(0, System.Math.Min(to - from, Length - start));
        return new SourceSpan(
            Path,
            Start + start,
            len,
            StartLine,
            StartColumn + start,
            EndLine,
            StartColumn + start + len);
    }

    /// <summary>
    /// The file offset, within this span, of the character at <paramref name="decoded"/> in the text as read.
    /// <see cref="Escapes"/> holds pairs: where an escape starts in the text as read, and how many more characters it
    /// takes in the file.
    /// </summary>
    private int SourceOffset(int decoded)
    {
        var extra = 0;
        for (var i = 0; i + 1 < Escapes.Count; i += 2)
        {
            if (Escapes[i] < decoded)
            {
                extra += Escapes[i + 1];
            }
        }

        return decoded + extra;
    }

    public Location ToLocation() => Path.Length == 0 ? Location.None : Location.Create(
        Path,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
