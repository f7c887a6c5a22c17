using System;
using System.Collections.Generic;

namespace ArazzoGen.Binding;

/// <summary>"Did you mean" hints for names that do not resolve.</summary>
internal static class Suggestions
{
    /// <summary>Names longer than this get no suggestion (only the case-insensitive match).</summary>
    private const int MaxLength = 256;

    /// <summary>", did you mean 'x'?" for the nearest candidate, or an empty string when none is near.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, name.Length / 3);
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return $"; did you mean '{candidate}'? (names are case-sensitive)";
            }

            // The edit distance is quadratic: a megabyte-long operationId against every operation of a large
            // OpenAPI document ran for minutes. No typo is that long, and the distance is at least the difference
            // in length, so such candidates can never be suggested.
            if (name.Length > MaxLength || candidate.Length > MaxLength
                || Math.Abs(name.Length - candidate.Length) > limit)
            {
                continue;
            }

            var distance = Distance(name, candidate);
            if (distance < bestDistance || distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= limit
            ? $"; did you mean '{best}'?"
            : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
