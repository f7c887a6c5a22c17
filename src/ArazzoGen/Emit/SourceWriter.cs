using System.Text;

namespace ArazzoGen.Emit;

/// <summary>A minimal indented writer: generated code is text, never syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(8 * 1024);
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
    }

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
