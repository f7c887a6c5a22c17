using System;
using System.Collections.Generic;
using System.Text;

namespace ArazzoGen.Runtime.JsonPath;

/// <summary>
/// The code points of a class, written for .NET: characters of the Basic Multilingual Plane in one bracket
/// expression, higher ones as alternatives over their surrogate pairs.
/// </summary>
internal sealed class CharacterSet
{
    private readonly List<(int Low, int High)> _ranges = new();
    private readonly List<string> _categories = new();

    public void Add(int low, int high) => _ranges.Add((low, high));

    /// <summary>A category escape; a complemented one also admits every code point beyond the BMP.</summary>
    public void AddCategory(string category)
    {
        _categories.Add(category);
        if (category.StartsWith(@"\P", StringComparison.Ordinal))
        {
            _ranges.Add((0x10000, 0x10FFFF));
        }
    }

    public string ToPattern()
    {
        var bmp = new StringBuilder();
        var alternatives = new List<string>();
        foreach (var (low, high) in _ranges)
        {
            AddBmp(bmp, low, Math.Min(high, 0xD7FF));
            AddBmp(bmp, Math.Max(low, 0xE000), Math.Min(high, 0xFFFF));
            if (high > 0xFFFF)
            {
                alternatives.AddRange(SurrogateRanges(Math.Max(low, 0x10000), high));
            }
        }

        foreach (var category in _categories)
        {
            bmp.Append(category);
        }

        if (bmp.Length > 0)
        {
            alternatives.Insert(0, "[" + bmp + "]");
        }

        return alternatives.Count == 1 ? alternatives[0] : "(?:" + string.Join("|", alternatives) + ")";
    }

    private static void AddBmp(StringBuilder bmp, int low, int high)
    {
        if (low > high)
        {
            return;
        }

        bmp.Append(Unit((char)low));
        if (high > low)
        {
            bmp.Append('-').Append(Unit((char)high));
        }
    }

    /// <summary>Patterns over surrogate pairs for the code points from low to high, both beyond the BMP.</summary>
    private static IEnumerable<string> SurrogateRanges(int low, int high)
    {
        var lowPair = char.ConvertFromUtf32(low);
        var highPair = char.ConvertFromUtf32(high);
        if (lowPair[0] == highPair[0])
        {
            yield return Unit(lowPair[0]) + "[" + Unit(lowPair[1]) + "-" + Unit(highPair[1]) + "]";
            yield break;
        }

        yield return Unit(lowPair[0]) + "[" + Unit(lowPair[1]) + @"-\uDFFF]";
        if (highPair[0] - lowPair[0] > 1)
        {
            var between = Unit((char)(lowPair[0] + 1)) + "-" + Unit((char)(highPair[0] - 1));
            yield return "[" + between + @"][\uDC00-\uDFFF]";
        }

        yield return Unit(highPair[0]) + @"[\uDC00-" + Unit(highPair[1]) + "]";
    }

    private static string Unit(char c) => IRegexp.Unit(c);
}
