using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ArazzoGen.Package.Tests;

/// <summary>
/// The README's promise that the generator runs in compilers from Roslyn 4.8 on: a program built against
/// Microsoft.CodeAnalysis.CSharp 4.8.0 loads the packed analyzer folder and runs the generator over the sample's
/// documents, as a 4.8 compiler would.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class OldestCompilerTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="[4.8.0]" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using System.Collections.Immutable;
        using System.Reflection;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.CSharp;
        using Microsoft.CodeAnalysis.Text;

        // args: the generator's dll (its parser libraries beside it), then the documents.
        var type = Assembly.LoadFrom(args[0]).GetType("ArazzoGen.ArazzoGenerator", throwOnError: true)!;
        var generator = (IIncrementalGenerator)Activator.CreateInstance(type)!;
        var files = args.Skip(1).Select(path => (AdditionalText)new DocumentFile(path)).ToImmutableArray();
        var compilation = CSharpCompilation.Create("Check");
        var result = CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, files)
            .RunGenerators(compilation).GetRunResult().Results.Single();

        Console.WriteLine($"roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}");
        Console.WriteLine($"exception {result.Exception?.ToString() ?? "none"}");
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            Console.WriteLine($"error {diagnostic}");
        }

        foreach (var source in result.GeneratedSources)
        {
            Console.WriteLine($"generated {source.HintName}");
        }

        internal sealed class DocumentFile(string path) : AdditionalText
        {
            public override string Path => path;

            public override SourceText GetText(CancellationToken cancellationToken = default)
                => SourceText.From(File.ReadAllText(path));
        }
        """;

    private readonly PackedPackage _package;

    public OldestCompilerTests(PackedPackage package) => _package = package;

    [Fact]
    public async Task The_packed_generator_runs_on_roslyn_4_8()
    {
        var folder = Path.Combine(_package.Root, "Roslyn48");
        var analyzers = Path.Combine(folder, "analyzers");
        Directory.CreateDirectory(analyzers);
        using (var zip = ZipFile.OpenRead(_package.PackagePath))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/")))
            {
                entry.ExtractToFile(Path.Combine(analyzers, entry.Name));
            }
        }

        File.WriteAllText(Path.Combine(folder, "Roslyn48.csproj"), Project);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), PackedPackage.NuGetConfig(feed: null));
        var environment = _package.ConsumerEnvironment;
        var build = await DotNet.RunAsync(
            folder, environment, "build", "-p:UseSharedCompilation=false", "-nodeReuse:false");
        Assert.True(build.Succeeded, build.Output);

        var sample = Path.Combine(DotNet.RepositoryRoot(), "samples", "DustRunApp");
        var run = await DotNet.RunAsync(
            folder,
            environment,
            Path.Combine(folder, "bin", "Debug", "net10.0", "Roslyn48.dll"),
            Path.Combine(analyzers, "ArazzoGen.dll"),
            Path.Combine(sample, "arazzo", "dust-run-app-and-poll.arazzo.yaml"),
            Path.Combine(sample, "openapi", "dust-apps-api-openapi.yml"));

        Assert.True(run.Succeeded, run.Output);
        Assert.Contains("roslyn 4.8.0.0", run.Output);
        Assert.Contains("exception none", run.Output);
        Assert.DoesNotContain("error ", run.Output);
        Assert.Contains("generated dust-run-app-and-poll.arazzo.g.cs", run.Output);
    }
}
