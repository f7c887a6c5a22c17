using System;

namespace ArazzoGen.Reading;

/// <summary>
/// What a file's lines say before any parser reads them: whether a line starts with one of the keys that decide what
/// a file is (<c>openapi</c>, <c>swagger</c>, <c>arazzo</c>, bare or quoted, after any indentation), and whether a
/// document marker after the first content makes it a stream of several YAML documents. One pass over the characters,
/// cheap enough for every file, and only ever a guess: the reader that follows has the last word.
/// </summary>
internal readonly struct KeyLines
{
    private KeyLines(bool openApi, bool arazzo, bool severalDocuments)
    {
        OpenApi = openApi;
        Arazzo = arazzo;
        SeveralDocuments = severalDocuments;
    }

    /// <summary>A line starts with an <c>openapi</c> or <c>swagger</c> key.</summary>
    public bool OpenApi { get; }

    /// <summary>A line starts with an <c>arazzo</c> key.</summary>
    public bool Arazzo { get; }

    /// <summary>A <c>---</c> or <c>...</c> marker follows content: more than one YAML document, perhaps.</summary>
    public bool SeveralDocuments { get; }

    public static KeyLines Of(string text)
    {
        bool openApi = false, arazzo = false, several = false, content = false;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (IsMarker(text, start, end))
            {
                several |= content;
            }
            else
            {
                var key = KeyAt(text, start, end, allowBrace: !content);
                openApi |= key is "openapi" or "swagger";
                arazzo |= key is "arazzo";
                content |= !IsBlankCommentOrDirective(text, start, end);
            }

            start = end + 1;
        }

        return new KeyLines(openApi, arazzo, several);
    }

    /// <summary>
    /// The deciding key a line starts with, or null: indentation, then (on the first line with content, where minified
    /// JSON begins) one <c>{</c>, then the key bare or in matching quotes, then blanks and a colon.
    /// </summary>
    private static string? KeyAt(string text, int start, int end, bool allowBrace)
    {
        var i = SkipBlanks(text, start, end);
        if (allowBrace && i < end && text[i] == '{')
        {
            i = SkipBlanks(text, i + 1, end);
        }

        var quote = i < end && text[i] is '"' or '\'' ? text[i] : '\0';
        if (quote != '\0')
        {
            i++;
        }

        var key = Matches(text, i, end, "openapi") ?? Matches(text, i, end, "swagger")
            ?? Matches(text, i, end, "arazzo");
        if (key is null)
        {
            return null;
        }

        i += key.Length;
        if (quote != '\0')
        {
            if (i >= end || text[i] != quote)
            {
                return null;
            }

            i++;
        }

        i = SkipBlanks(text, i, end);
        return i < end && text[i] == ':' ? key : null;
    }

    private static string? Matches(string text, int at, int end, string key)
        => end - at >= key.Length && string.CompareOrdinal(text, at, key, 0, key.Length) == 0 ? key : null;

    private static int SkipBlanks(string text, int i, int end)
    {
        while (i < end && text[i] is ' ' or '\t' or '\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>A document start or end marker: three dashes or dots at the start of the line, then a blank.</summary>
    private static bool IsMarker(string text, int start, int end)
    {
        if (end - start < 3 || !(text[start] is '-' or '.') || text[start + 1] != text[start]
            || text[start + 2] != text[start])
        {
            return false;
        }

        return end - start == 3 || text[start + 3] is ' ' or '\t' or '\r';
    }

    private static bool IsBlankCommentOrDirective(string text, int start, int end)
    {
        var i = SkipBlanks(text, start, end);
        return i >= end || text[i] == '#' || (i == start && text[i] == '%');
    }
}
