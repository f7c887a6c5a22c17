using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace ArazzoGen.Package.Tests;

/// <summary>Opens the packed nupkg and checks what a compiler and a restore will find in it.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private const string Analyzers = "analyzers/dotnet/cs/";

    /// <summary>What the generator loads beside itself inside the compiler.</summary>
    private static readonly string[] AnalyzerFiles =
    {
        "ArazzoGen.dll", "Microsoft.OpenApi.dll", "Microsoft.OpenApi.YamlReader.dll", "SharpYaml.dll",
        "YamlDotNet.dll",
    };

    private readonly PackedPackage _package;

    public PackageLayoutTests(PackedPackage package) => _package = package;

    [Fact]
    public void The_generator_and_its_parser_libraries_share_the_csharp_analyzer_folder()
    {
        var analyzers = Entries().Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();

        Assert.Equal(AnalyzerFiles.Select(f => Analyzers + f).Order(), analyzers.Order());
    }

    [Fact]
    public void The_runtime_is_the_net8_library_and_the_build_files_carry_the_package_name()
    {
        var entries = Entries();

        Assert.Contains("lib/net8.0/ArazzoGen.Runtime.dll", entries);
        Assert.Contains("lib/net8.0/ArazzoGen.Runtime.xml", entries);
        Assert.Contains("build/ArazzoGen.props", entries);
        Assert.Contains("build/ArazzoGen.targets", entries);
        Assert.Single(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll"));
    }

    [Fact]
    public void Nothing_but_the_package_is_in_it()
    {
        string[] allowed =
        {
            "_rels/", "package/", "[Content_Types].xml", "ArazzoGen.nuspec", "README.md", Analyzers, "lib/net8.0/",
            "build/",
        };

        var stray = Entries().Where(e => !allowed.Any(a => e.StartsWith(a, StringComparison.Ordinal))).ToList();

        Assert.Empty(stray);
        Assert.DoesNotContain(Entries(), e => e.Contains("Test", StringComparison.OrdinalIgnoreCase)
                                              || e.Contains("Dust", StringComparison.OrdinalIgnoreCase)
                                              || e.Contains("Cli", StringComparison.Ordinal)
                                              || e.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void The_nuspec_depends_only_on_what_the_runtime_uses()
    {
        var nuspec = Nuspec();
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("ArazzoGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal(_package.Version, metadata.Element(ns + "version")!.Value);
        var group = Assert.Single(metadata.Element(ns + "dependencies")!.Elements(ns + "group"));
        Assert.Equal("net8.0", group.Attribute("targetFramework")!.Value);
        var dependency = Assert.Single(group.Elements(ns + "dependency"));
        Assert.Equal("Microsoft.Extensions.Logging.Abstractions", dependency.Attribute("id")!.Value);
    }

    [Fact]
    public void The_generator_needs_no_newer_roslyn_than_4_8_and_finds_every_other_reference()
    {
        var references = new Dictionary<string, Version>(StringComparer.Ordinal);
        var shipped = AnalyzerFiles.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        foreach (var file in AnalyzerFiles)
        {
            foreach (var (name, version) in AssemblyReferences(Analyzers + file))
            {
                references[name] = version;
            }
        }

        Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
        Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis.CSharp"]);

        // What is neither shipped beside the generator nor part of the compiler's own runtime would fail to load.
        var missing = references.Keys
            .Where(name => !shipped.Contains(name)
                           && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                           && !name.StartsWith("System", StringComparison.Ordinal)
                           && name is not ("netstandard" or "mscorlib"))
            .ToList();
        Assert.Empty(missing);
    }

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var stream = zip.GetEntry("ArazzoGen.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private List<(string Name, Version Version)> AssemblyReferences(string entry)
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var stream = zip.GetEntry(entry)!.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
