using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ArazzoGen.Package.Tests;

/// <summary>What a child process printed, and how it ended.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the <c>dotnet</c> that runs the tests, as a child process: the same SDK a user of the package would have.
/// </summary>
internal static class DotNet
{
    /// <summary>The longest one command may take before the test gives up on it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        params string[] arguments)
        => RunProcessAsync(workingDirectory, environment, "dotnet", arguments);

    private static async Task<ProcessResult> RunProcessAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string fileName,
        params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside MSBuild-aware tooling; a child build must find its own SDK, not inherit paths
        // meant for the parent.
        foreach (var key in start.Environment.Keys.Where(IsInheritedBuildSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new System.Threading.CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append(output, $"(stopped after {Limit.TotalMinutes} minutes)");
            return new ProcessResult(-1, output.ToString(), watch.Elapsed);
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString(), watch.Elapsed);
    }

    /// <summary>The folder that holds ArazzoGen.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ArazzoGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ArazzoGen.sln was not found above " + AppContext.BaseDirectory);
    }

    private static bool IsInheritedBuildSetting(string key)
        => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
           || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
           || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
