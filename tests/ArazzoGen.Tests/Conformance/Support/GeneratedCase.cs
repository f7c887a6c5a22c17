using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Emit;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// A case's documents run through the real generator, compiled with Roslyn and loaded into a collectible
/// AssemblyLoadContext; <c>RunAsync</c> calls the generated <c>RunAsync</c> through reflection.
/// </summary>
internal sealed class GeneratedCase : IDisposable
{
    private static readonly JsonSerializerOptions InputJson = new() { PropertyNameCaseInsensitive = true };

    private readonly AssemblyLoadContext _context;
    private readonly Assembly _assembly;

    private GeneratedCase(
        AssemblyLoadContext context,
        Assembly assembly,
        string source,
        ImmutableArray<Diagnostic> diagnostics)
    {
        _context = context;
        _assembly = assembly;
        Source = source;
        Diagnostics = diagnostics;
    }

    /// <summary>All generated code, for failure messages.</summary>
    public string Source { get; }

    /// <summary>Everything the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Generates and compiles; fails the case on any generator error, any warning it does not name, and any C# warning.
    /// </summary>
    public static GeneratedCase Build(ConformanceCase @case, Uri server)
    {
        var files = @case.Documents(server)
            .Select(d => (AdditionalText)new InMemoryAdditionalText("/cases/" + @case.Name + "/" + d.FileName, d.Text))
            .ToImmutableArray();
        // A warning the case names (an unreachable step it holds on purpose, say) is expected; any other fails it.
        var generated = Build(
            "conformance " + @case.Name,
            files,
            d => d.Severity == DiagnosticSeverity.Warning && @case.Diagnostics.Contains(d.Id));
        var reported = generated.Diagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var missing = @case.Diagnostics.Where(id => !reported.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            generated.Dispose();
            throw new XunitException("the generator did not report " + string.Join(", ", missing));
        }

        return generated;
    }

    /// <summary>
    /// Generates and compiles <paramref name="files"/>; fails on any C# warning, and on any generator error or
    /// warning that <paramref name="expected"/> does not accept.
    /// </summary>
    public static GeneratedCase Build(
        string name,
        ImmutableArray<AdditionalText> files,
        Func<Diagnostic, bool> expected)
    {
        var (result, output, outputDiagnostics) = GeneratorHarness.Run(files);
        var source = string.Join(Environment.NewLine, result.GeneratedSources.Select(s => s.SourceText.ToString()));
        var problems = result.Diagnostics.Concat(outputDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !expected(d))
            .Concat(GeneratorHarness.CompileProblems(output))
            .ToList();
        if (problems.Count > 0)
        {
            throw new XunitException("the generator or the compiler reported problems:" + Environment.NewLine
                                     + GeneratorHarness.Describe(problems.Distinct()));
        }

        using var image = new MemoryStream();
        var emit = output.Emit(image);
        if (!emit.Success)
        {
            throw new XunitException(GeneratorHarness.Describe(emit.Diagnostics));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext(name, isCollectible: true);
        return new GeneratedCase(context, context.LoadFromStream(image), source, result.Diagnostics);
    }

    /// <summary>Runs the case's workflow once and returns its <c>WorkflowResult</c>.</summary>
    public Task<object> RunAsync(
        ConformanceCase @case,
        HttpClient httpClient,
        ArazzoWorkflowOptions options,
        CancellationToken cancellationToken)
        => RunAsync(@case.Workflow, @case.Inputs, httpClient, options, cancellationToken);

    /// <summary>Runs workflow <paramref name="workflowId"/> once and returns its <c>WorkflowResult</c>.</summary>
    public async Task<object> RunAsync(
        string workflowId,
        IReadOnlyDictionary<string, JsonElement> inputValues,
        HttpClient httpClient,
        ArazzoWorkflowOptions options,
        CancellationToken cancellationToken)
    {
        var workflowType = WorkflowType(workflowId);
        var workflow = Activator.CreateInstance(workflowType, httpClient, options, null)!;
        var run = workflowType.GetMethod("RunAsync")!;
        var inputs = Inputs(run.GetParameters()[0].ParameterType, inputValues);
        var task = (Task)run.Invoke(workflow, new[] { inputs, cancellationToken })!;
        await task.ConfigureAwait(false);
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    public void Dispose() => _context.Unload();

    /// <summary>The generated class whose <c>WorkflowId</c> constant is <paramref name="workflowId"/>.</summary>
    private Type WorkflowType(string workflowId)
        => _assembly.GetTypes().FirstOrDefault(t => t.GetField("WorkflowId")?.GetRawConstantValue() as string
                                                  == workflowId)
           ?? throw new XunitException("the generated code has no class for workflow " + workflowId);

    /// <summary>The inputs record, each member set from the JSON value of the same input.</summary>
    private static object Inputs(Type type, IReadOnlyDictionary<string, JsonElement> values)
    {
        var inputs = Activator.CreateInstance(type)!;
        foreach (var (name, value) in values)
        {
            var property = type.GetProperty(CSharp.Pascal(name))
                           ?? throw new XunitException($"the inputs record {type.Name} has no member for '{name}'");
            property.SetValue(inputs, value.Deserialize(property.PropertyType, InputJson));
        }

        return inputs;
    }
}
