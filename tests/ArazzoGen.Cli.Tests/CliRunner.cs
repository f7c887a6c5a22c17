using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace ArazzoGen.Cli.Tests;

/// <summary>What one in-process run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Replace("\r\n", "\n", StringComparison.Ordinal)
        .TrimEnd('\n')
        .Split('\n', StringSplitOptions.None);
}

/// <summary>Runs <c>arazzogen</c> through its entry point with the repository root as the current directory.</summary>
internal static class CliRunner
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Invalid(string name) => "tests/ArazzoGen.Cli.Tests/TestData/invalid/" + name;

    public static CliResult Run(params string[] args) => RunIn(RepoRoot, args);

    public static CliResult RunIn(string currentDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, currentDirectory);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
