using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using ArazzoGen.Runtime;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Support;

/// <summary>Compiles one generated criterion with Roslyn and evaluates it against a response body.</summary>
internal static class CriterionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="criterion"/>, with <paramref name="fields"/> (the generated pattern fields it uses)
    /// declared beside it and <c>_logger</c> null, as in a workflow built without a logger.
    /// </summary>
    public static bool Evaluate(string criterion, ArazzoValue body, string fields = "")
    {
        var source = $$"""
            namespace Probe
            {
                using Arazzo = global::ArazzoGen.Runtime;

                public sealed class Response
                {
                    public Response(Arazzo.ArazzoValue body) => Body = body;

                    public Arazzo.ArazzoValue Body { get; }
                }

                public static class Criterion
                {
                    {{fields}}

                    public static bool Evaluate(Arazzo.ArazzoValue body)
                    {
                        var response = new Response(body);
                        global::Microsoft.Extensions.Logging.ILogger? _logger = null;
                        return {{criterion}};
                    }
                }
            }
            """;
        var compilation = GeneratorHarness.Compilation(source);
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        if (!emit.Success)
        {
            throw new InvalidOperationException(
                GeneratorHarness.Describe(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        var context = new AssemblyLoadContext("criterion", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var method = assembly.GetType("Probe.Criterion")!.GetMethod("Evaluate")!;
            return (bool)method.Invoke(null, new object[] { body })!;
        }
        finally
        {
            context.Unload();
        }
    }
}
