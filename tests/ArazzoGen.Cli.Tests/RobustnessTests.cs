using System;
using System.IO;
using Xunit;

namespace ArazzoGen.Cli.Tests;

public class RobustnessTests
{
    [Fact]
    public void Binary_empty_and_broken_files_give_diagnostics_not_crashes()
    {
        using var temp = new TempFolder();
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        temp.Write("noise.arazzo.yaml", random);
        temp.Write("noise.json", random);
        temp.Write("empty.arazzo.yml", string.Empty);
        temp.Write("nested/deeper/half.arazzo.json", "{\"arazzo\": \"1.0.1\", \"info\": {");
        temp.Write("notes.txt", "arazzo: 1.0.1"); // not a document extension: not read from a folder

        var result = CliRunner.RunIn(temp.Path, "check", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal("4 files checked: 3 errors, 0 warnings, 0 infos.", result.Lines[^1]);
        Assert.StartsWith("empty.arazzo.yml(1,1): error ARZ0002: ", result.Lines[0]);
        Assert.StartsWith(Path.Combine("nested", "deeper", "half.arazzo.json") + "(", result.Lines[1]);
        Assert.StartsWith("noise.arazzo.yaml(", result.Lines[2]);
    }

    [Fact]
    public void Build_output_and_hidden_folders_are_not_searched()
    {
        using var temp = new TempFolder();
        foreach (var skipped in new[] { "bin", "obj", "node_modules", ".git" })
        {
            temp.Write(skipped + "/copy.arazzo.yaml", "arazzo: 9.9.9");
        }

        temp.Write("api.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");

        var result = CliRunner.RunIn(temp.Path, "check", temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "1 file checked: 0 errors, 0 warnings, 0 infos." }, result.Lines);
    }

    [Fact]
    public void Paths_outside_the_current_directory_stay_absolute_and_other_extensions_get_a_warning()
    {
        using var temp = new TempFolder();
        var document = temp.Write("doc.yaml", "arazzo: 2.0.0\n");
        var text = temp.Write("doc.txt", "arazzo: 2.0.0\n");

        var result = CliRunner.Run("check", document, text);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            new[]
            {
                text + ": warning: ignored: the generator reads only *.yaml, *.yml and *.json files.",
                document + "(1,9): error ARZ0004: Arazzo version '2.0.0' is not supported: this release reads Arazzo "
                + "1.0.x documents",
                "2 files checked: 1 error, 1 warning, 0 infos.",
            },
            result.Lines);
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_at_the_size_limit()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var result = CliRunner.Run("check", "/dev/zero");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("/dev/zero: error: not read: larger than 32 MiB.", result.Lines[0]);
    }

    [Theory]
    [InlineData(new string[0], "arazzogen: no command given.")]
    [InlineData(new[] { "lint", "x" }, "arazzogen: unknown command 'lint'.")]
    [InlineData(new[] { "check" }, "arazzogen: no files or folders given.")]
    [InlineData(new[] { "check", "--colour", "x" }, "arazzogen: unknown option '--colour'.")]
    [InlineData(new[] { "check", "--format", "xml", "x" }, "arazzogen: --format takes 'text' or 'json'.")]
    [InlineData(new[] { "check", "--out", "o", "x" }, "arazzogen: --out and --namespace belong to 'generate'.")]
    [InlineData(new[] { "generate", "x" }, "arazzogen: 'generate' needs --out <dir>.")]
    [InlineData(new[] { "generate", "x", "--out" }, "arazzogen: --out needs a folder.")]
    [InlineData(
        new[] { "generate", "x", "-o", "o", "--namespace", "1x" },
        "arazzogen: '1x' is not a C# namespace name.")]
    [InlineData(new[] { "check", "no/such/file.yaml" }, "arazzogen: no such file or folder: no/such/file.yaml")]
    public void Usage_errors_exit_2_with_a_message_on_stderr(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith(message + Environment.NewLine, result.Stderr);
    }

    [Fact]
    public void A_folder_without_documents_is_a_usage_error()
    {
        using var temp = new TempFolder();
        temp.Write("readme.md", "nothing here");

        var result = CliRunner.RunIn(temp.Path, "check", ".");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("arazzogen: no *.yaml, *.yml or *.json file in ." + Environment.NewLine, result.Stderr);
    }

    [Fact]
    public void Help_prints_the_usage_and_exits_0()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("arazzogen check <files or folders>...", result.Stdout, StringComparison.Ordinal);
    }
}
