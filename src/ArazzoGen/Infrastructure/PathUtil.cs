using System;
using System.Collections.Generic;

namespace ArazzoGen.Infrastructure;

/// <summary>Path arithmetic on strings only: the generator never touches the disk.</summary>
internal static class PathUtil
{
    /// <summary>Forward slashes, no <c>.</c> or <c>..</c> segments.</summary>
    public static string Normalize(string path)
    {
        var unified = path.Replace('\\', '/');
        var rooted = unified.StartsWith("/", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in unified.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        var joined = string.Join("/", parts);
        return rooted ? "/" + joined : joined;
    }

    /// <summary>Resolves <paramref name="relative"/> against the folder of <paramref name="file"/>.</summary>
    public static string ResolveRelative(string file, string relative)
    {
        var normalizedFile = Normalize(file);
        var slash = normalizedFile.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : normalizedFile.Substring(0, slash + 1);
        return Normalize(folder + relative);
    }

    /// <summary>A path rooted on its machine: <c>/x</c>, <c>\\x</c> or <c>C:\x</c>.</summary>
    public static bool IsAbsolute(string path)
        => path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal)
           || path.Length > 2 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '/' || path[2] == '\\');

    public static bool IsRemote(string url)
        => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
           || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static string FileName(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized.Substring(slash + 1);
    }
}
