using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ArazzoGen.Cli;

/// <summary>One input file: its full path and its text, or why it could not be read.</summary>
internal sealed record InputFile(string FullPath, string? Text, string? Problem);

/// <summary>Turns the command line's paths into the files handed to the generator.</summary>
internal static class InputFiles
{
    /// <summary>
    /// Larger files are not documents anyone writes by hand; reading them whole could exhaust memory.
    /// </summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private static readonly string[] Extensions = { ".yaml", ".yml", ".json" };

    // Build outputs hold copies of a project's AdditionalFiles; read twice, every workflow would clash with itself.
    private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules" };

    /// <summary>
    /// The files named and those under the folders named, each once, in ordinal order of full path;
    /// <paramref name="missing"/> gets the arguments that are neither.
    /// </summary>
    public static IReadOnlyList<string> Expand(
        IEnumerable<string> inputs,
        string currentDirectory,
        List<string> missing)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, currentDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                AddFolder(full, files);
            }
            else
            {
                missing.Add(input);
            }
        }

        return files.ToList();
    }

    /// <summary>True for the extensions the generator reads; it ignores other AdditionalFiles.</summary>
    public static bool IsDocumentName(string path)
        => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a file as the compiler would (UTF-8 unless a byte order mark says otherwise).</summary>
    public static InputFile Read(string fullPath)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > MaxBytes)
            {
                return new InputFile(fullPath, null, $"not read: larger than {MaxBytes / 1024 / 1024} MiB.");
            }

            using var reader = new StreamReader(fullPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = ReadAtMost(reader, MaxBytes);
            return text is null
                ? new InputFile(fullPath, null, $"not read: larger than {MaxBytes / 1024 / 1024} MiB.")
                : new InputFile(fullPath, text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new InputFile(fullPath, null, "cannot be read: " + ex.Message);
        }
    }

    // A device such as /dev/zero reports length 0 and never ends: stop at the limit whatever the length said.
    private static string? ReadAtMost(StreamReader reader, long limit)
    {
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > limit)
            {
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static void AddFolder(string folder, SortedSet<string> files)
    {
        var options = new EnumerationOptions
        {
            IgnoreInaccessible = true,
            RecurseSubdirectories = false,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(current, "*", options)))
            {
                if (IsDocumentName(file))
                {
                    files.Add(file);
                }
            }

            foreach (var sub in SafeEnumerate(() => Directory.EnumerateDirectories(current, "*", options)))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.Ordinal) && !IsLink(sub))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    // A symbolic link to a parent folder would make the walk endless.
    private static bool IsLink(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).LinkTarget is not null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static List<string> SafeEnumerate(Func<IEnumerable<string>> enumerate)
    {
        try
        {
            return enumerate().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new List<string>();
        }
    }
}
