using System;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArazzoGen.Reading;

/// <summary>
/// One pass over a file's parser events before YamlDotNet loads it into nodes, which it does recursively: where
/// collections first nest too deep. The event parser keeps its own stack, so the pass cannot overflow; a syntax error
/// ends it (loading then fails at that error too, never deeper than the pass went).
/// </summary>
internal static class NestingScan
{
    /// <summary>Where collections first nest deeper than <paramref name="maxNesting"/>, or null.</summary>
    public static Mark? TooDeep(string text, int maxNesting)
    {
        var parser = new Parser(new StringReader(text));
        var open = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart when ++open > maxNesting:
                        return parser.Current.Start;
                    case MappingEnd or SequenceEnd:
                        open--;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        return null;
    }
}
