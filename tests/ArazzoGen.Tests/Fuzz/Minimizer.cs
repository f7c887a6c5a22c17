using System;
using System.Collections.Generic;
using System.Linq;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Shrinks a failing case's mutated file while the failure keeps its kind: delta debugging over lines, then over
/// bytes. The other files of the case stay as they are.
/// </summary>
internal static class Minimizer
{
    public static FuzzInput Minimize(FuzzInput input, string kind, TimeSpan budget)
    {
        var started = DateTime.UtcNow;
        var current = input;

        bool StillFails(byte[] candidate)
        {
            var files = current.Files.ToList();
            files[current.MutatedFile] = files[current.MutatedFile] with { Bytes = candidate };
            var trial = current with { Files = files };
            if (FuzzRunner.Run(trial).Kind != kind)
            {
                return false;
            }

            current = trial;
            return true;
        }

        bool Expired() => DateTime.UtcNow - started > budget;

        // Lines first (split keeping the line ends), then single bytes once the file is small.
        var units = SplitLines(current.Files[current.MutatedFile].Bytes);
        Shrink(units, u => StillFails(u.SelectMany(x => x).ToArray()), Expired);
        var bytes = current.Files[current.MutatedFile].Bytes.Select(b => new[] { b }).ToList();
        if (bytes.Count <= 4096)
        {
            Shrink(bytes, u => StillFails(u.SelectMany(x => x).ToArray()), Expired);
        }

        return current;
    }

    private static void Shrink(List<byte[]> units, Func<List<byte[]>, bool> fails, Func<bool> expired)
    {
        for (var chunk = Math.Max(1, units.Count / 2); chunk >= 1 && !expired(); chunk /= 2)
        {
            for (var start = 0; start < units.Count && !expired();)
            {
                var candidate = units.Take(start).Concat(units.Skip(start + chunk)).ToList();
                if (candidate.Count < units.Count && fails(candidate))
                {
                    units.Clear();
                    units.AddRange(candidate);
                }
                else
                {
                    start += chunk;
                }
            }
        }
    }

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }

        return lines;
    }
}
