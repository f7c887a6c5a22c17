using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DustSimulator;
using Xunit;

namespace ArazzoGen.Package.Tests;

/// <summary>
/// A new console project takes the freshly packed package from a folder feed, as a user would: <c>dotnet new</c>,
/// <c>dotnet add package</c>, an Arazzo document and its OpenAPI document dropped into the folder with no csproj
/// edit, a build, and a run of the generated workflow against a Dust simulator on 127.0.0.1.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageConsumerTests
{
    private const string Program = """
        using System.Text.Json;
        using ArazzoGen.Runtime;
        using Consumer;

        // The server's address comes from the test; the workflow's OpenAPI server is never called.
        using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
        var workflow = new RunAppAndPollWorkflow(http);
        var result = await workflow.RunAsync(new RunAppAndPollInputs
        {
            ApiToken = "sk-simulated-dust-key",
            WId = "w-simulated",
            SpaceId = "vlt_simulated",
            AId = "app-simulated",
            SpecificationHash = "8c0a4e6d2f",
            Config = JsonDocument.Parse("{}").RootElement,
            Inputs = [JsonDocument.Parse("{\"question\":\"What is Arazzo?\"}").RootElement],
        });
        Console.WriteLine(result.Succeeded
            ? $"succeeded: ended by {result.EndedBy}, run {result.Outputs!.RunId} {result.Outputs.RunStatus}"
            : $"failed: {result.Failure}");
        return result.Succeeded ? 0 : 1;
        """;

    private readonly PackedPackage _package;

    public PackageConsumerTests(PackedPackage package) => _package = package;

    [Fact]
    public async Task A_new_console_project_builds_with_the_package_and_runs_a_workflow_against_a_local_server()
    {
        var project = Path.Combine(_package.Root, "Consumer");
        Directory.CreateDirectory(project);
        var environment = _package.ConsumerEnvironment;

        File.WriteAllText(Path.Combine(project, "nuget.config"), PackedPackage.NuGetConfig(_package.Feed));

        await Succeed(project, environment, "new", "console", "--name", "Consumer", "--output", ".", "--no-restore");
        await Succeed(project, environment, "add", "package", "ArazzoGen", "--version", _package.Version);

        var repository = DotNet.RepositoryRoot();
        Directory.CreateDirectory(Path.Combine(project, "arazzo"));
        Directory.CreateDirectory(Path.Combine(project, "openapi"));
        File.Copy(
            Path.Combine(repository, "samples", "DustRunApp", "arazzo", "dust-run-app-and-poll.arazzo.yaml"),
            Path.Combine(project, "arazzo", "dust-run-app-and-poll.arazzo.yaml"));
        File.Copy(
            Path.Combine(repository, "samples", "DustRunApp", "openapi", "dust-apps-api-openapi.yml"),
            Path.Combine(project, "openapi", "dust-apps-api-openapi.yml"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        Assert.DoesNotContain("AdditionalFiles", File.ReadAllText(Path.Combine(project, "Consumer.csproj")));

        // Each document once, though the Arazzo file matches two default patterns; none with the defaults off.
        Assert.Equal(2, await AdditionalFilesCount(project, environment));
        Assert.Equal(0, await AdditionalFilesCount(project, environment, "-p:EnableArazzoGenDefaultItems=false"));

        // The loop delay comes from an MSBuild property, so the three polls take milliseconds, not seconds.
        await Succeed(project, environment, "build", "-p:ArazzoGenLoopDelay=0.01",
            "-p:EmitCompilerGeneratedFiles=true", "-p:UseSharedCompilation=false", "-nodeReuse:false");

        var generated = Directory.GetFiles(project, "*.arazzo.g.cs", SearchOption.AllDirectories).Single();
        var code = File.ReadAllText(generated);
        Assert.Contains("namespace Consumer", code);
        Assert.Contains($"GeneratedCode(\"ArazzoGen\", \"{_package.Version}\")", code);
        Assert.Contains("run.DefaultLoopDelay = global::System.TimeSpan.FromMilliseconds(10);", code);

        await using var server = await DustApiSimulator.StartAsync();
        var dll = Path.Combine(project, "bin", "Debug", "net10.0", "Consumer.dll");
        var run = await DotNet.RunAsync(project, environment, dll, server.BaseAddress.ToString());

        Assert.True(run.Succeeded, run.Output);
        Assert.Contains("succeeded: ended by succeeded, run run-1 succeeded", run.Output);
        Assert.Equal(5, server.Requests.Count);
    }

    private static async Task<int> AdditionalFilesCount(
        string project,
        System.Collections.Generic.IReadOnlyDictionary<string, string> environment,
        params string[] properties)
    {
        var result = await DotNet.RunAsync(
            project, environment, ["msbuild", "-getItem:AdditionalFiles", "-nodeReuse:false", .. properties]);
        Assert.True(result.Succeeded, result.Output);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Items").TryGetProperty("AdditionalFiles", out var items)
            ? items.GetArrayLength()
            : 0;
    }

    private static async Task Succeed(
        string folder,
        System.Collections.Generic.IReadOnlyDictionary<string, string> environment,
        params string[] arguments)
    {
        var result = await DotNet.RunAsync(folder, environment, arguments);
        Assert.True(result.Succeeded, $"dotnet {string.Join(' ', arguments)} failed:\n{result.Output}");
    }
}
