using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace ArazzoGen.Tests.Support;

/// <summary>
/// Baseline files for generated code: <c>Snapshots/&lt;name&gt;.txt</c> beside the tests. A mismatch writes
/// <c>.received.txt</c> next to the baseline and fails with the first differing lines. Set
/// <c>ARAZZOGEN_ACCEPT_SNAPSHOTS=1</c> to overwrite the baselines with what the generator produces now.
/// </summary>
internal static class Snapshot
{
    public const string VersionPlaceholder = "{{VERSION}}";

    public static bool AcceptMode => Environment.GetEnvironmentVariable("ARAZZOGEN_ACCEPT_SNAPSHOTS") == "1";

    public static string BaselinePath(string name, [CallerFilePath] string testFile = "")
        => Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", name + ".txt");

    /// <summary>Generated text with its volatile parts replaced, and LF line endings.</summary>
    public static string Normalize(string generated)
        => generated.Replace("\r\n", "\n")
            .Replace(
                $"\"ArazzoGen\", \"{ArazzoGen.ThisAssembly.Version}\"",
                $"\"ArazzoGen\", \"{VersionPlaceholder}\"");

    /// <summary>The baseline with its placeholders filled back in, as the generator writes it today.</summary>
    public static string Expected(string name, [CallerFilePath] string testFile = "")
        => File.ReadAllText(BaselinePath(name, testFile)).Replace("\r\n", "\n")
            .Replace(VersionPlaceholder, ArazzoGen.ThisAssembly.Version);

    public static void Match(string name, string generated, [CallerFilePath] string testFile = "")
    {
        var path = BaselinePath(name, testFile);
        var actual = Normalize(generated);
        if (AcceptMode)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : string.Empty;
        if (expected == actual)
        {
            return;
        }

        File.WriteAllText(Path.ChangeExtension(path, ".received.txt"), actual, new UTF8Encoding(false));
        throw new XunitException(
            $"Generated code differs from the baseline {path}.{Environment.NewLine}{FirstDifference(expected, actual)}"
            + $"{Environment.NewLine}Run the tests with ARAZZOGEN_ACCEPT_SNAPSHOTS=1 to accept the new output.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of baseline>";
            var right = i < a.Length ? a[i] : "<end of output>";
            if (left != right)
            {
                return $"line {i + 1}:{Environment.NewLine}- {left}{Environment.NewLine}+ {right}";
            }
        }

        return "(no line differs)";
    }
}
