using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace ArazzoGen.Package.Tests;

/// <summary>
/// Packs the ArazzoGen package once for all package tests: from the source tree, with a version no earlier run
/// used (so that no package cache can answer for it), into a folder feed in a fresh temporary folder. Everything the
/// tests build goes into that folder too, restored into its own package folder; it is deleted at the end.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "arazzogen-package-" + Guid.NewGuid().ToString("N"));

    /// <summary>The version this run packs: a pre-release of the repository's version that only it uses.</summary>
    public string Version { get; } = "0.0.0-test." + Guid.NewGuid().ToString("N").Substring(0, 12);

    public string Feed => Path.Combine(Root, "feed");

    public string PackagePath => Path.Combine(Feed, $"ArazzoGen.{Version}.nupkg");

    /// <summary>
    /// The environment a project that uses the package builds with: a package folder of its own, so the package
    /// can only come from <see cref="Feed"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
    };

    internal ProcessResult Pack { get; private set; } = null!;

    /// <summary>
    /// A nuget.config with <paramref name="feed"/> beside the machine's usual sources. Packages already on the
    /// machine are used from its package folder, so only ArazzoGen (a version nothing else has) comes from the feed.
    /// </summary>
    public static string NuGetConfig(string? feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
        {(feed is null ? string.Empty : $"    <add key=\"arazzogen-local\" value=\"{feed}\" />")}
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{MachinePackageFolder()}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    private static string MachinePackageFolder()
        => System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(
                System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
                ".nuget",
                "packages");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var repository = DotNet.RepositoryRoot();

        // Built apart from the working tree (its own artifacts folder), so the tests neither reuse nor disturb the
        // tree's bin and obj folders.
        Pack = await DotNet.RunAsync(
            repository,
            new Dictionary<string, string>(),
            "pack",
            Path.Combine(repository, "src", "ArazzoGen.Runtime", "ArazzoGen.Runtime.csproj"),
            "-c", "Release",
            "-o", Feed,
            "--artifacts-path", Path.Combine(Root, "artifacts"),
            "-p:Version=" + Version,
            "-p:UseSharedCompilation=false",
            "-nodeReuse:false").ConfigureAwait(false);
        Assert.True(Pack.Succeeded, "dotnet pack failed:\n" + Pack.Output);
        Assert.True(File.Exists(PackagePath), $"dotnet pack did not write {PackagePath}:\n" + Pack.Output);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the system's temporary-file cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}

/// <summary>The tests that share one packed package, run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed package";
}
