using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ArazzoGen.Binding;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;
using ArazzoGen.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen;

/// <summary>
/// Turns the Arazzo documents among a project's AdditionalFiles into typed C# workflows.
/// </summary>
/// <remarks>
/// The pipeline, one tracked step each:
/// read every file on its own (Parse) → gather the OpenAPI indexes (OpenApiIndexes) → bind each Arazzo document to
/// them (Bind) → write each document's C# (Emit) → add them all together (so generated file names are unique). A C#
/// edit touches none of these steps; editing one YAML file re-reads only that file.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ArazzoGenerator : IIncrementalGenerator
{
    /// <summary>The namespace of generated code when the project sets no RootNamespace.</summary>
    public const string DefaultNamespace = "ArazzoGen.Generated";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each file is read in its own step: its result is cached until that file's text changes.
        var parsed = context.AdditionalTextsProvider
            .Select(static (file, cancellationToken) =>
                DocumentReader.Read(file.Path, file.GetText(cancellationToken)?.ToString(), cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var openApiIndexes = parsed
            .Where(static file => file.OpenApi is not null)
            .Select(static (file, _) => file.OpenApi!)
            .Collect()
            .Select(static (indexes, _) => indexes.OrderBy(i => i.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.OpenApiIndexes);

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) && IsNamespace(value)
                    ? value
                    : DefaultNamespace)
            .WithTrackingName(TrackingNames.Namespace);

        var documents = parsed
            .Where(static file => file.Arazzo is not null)
            .Select(static (file, _) => file.Arazzo!);

        // What each document's workflows look like to other documents that name it as an arazzo source: a first
        // binding without the other documents. Its result changes only when a workflow's names, inputs or outputs
        // do, so editing a step leaves the binding of every other document cached.
        var signatures = documents
            .Combine(openApiIndexes)
            .Select(static (input, cancellationToken) => WorkflowBinder.Declare(
                Bind(input.Left, input.Right, EquatableArray<DocumentSignatures>.Empty, DefaultNamespace,
                    cancellationToken),
                input.Left))
            .WithTrackingName(TrackingNames.Declare)
            .Collect()
            .Select(static (all, _) => all.OrderBy(d => d.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Workflows);

        var bound = documents
            .Combine(openApiIndexes)
            .Combine(signatures)
            .Combine(rootNamespace)
            .Select(static (input, cancellationToken) => Bind(
                input.Left.Left.Left,
                input.Left.Left.Right,
                input.Left.Right,
                input.Right,
                cancellationToken))
            .WithTrackingName(TrackingNames.Bind);

        context.RegisterSourceOutput(parsed.Select(static (file, _) => file.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // Each document's C# is written in a step of its own, so editing one document writes only its C# again;
        // the last stage only makes hint names unique and hands the texts to the compiler.
        var emitted = bound
            .Select(static (document, _) => EmittedDocument.Of(document))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(emitted.Collect(), static (spc, documents) => AddSources(spc, documents));
    }

    private static DocumentSpec Bind(
        ArazzoDocument document,
        EquatableArray<OpenApiIndex> indexes,
        EquatableArray<DocumentSignatures> documents,
        string ns,
        System.Threading.CancellationToken token)
    {
        try
        {
            return WorkflowBinder.Bind(document, indexes, documents, ns, token);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                SourceSpan.FileStart(document.Path),
                document.Path, ex.GetType().Name + ": " + ex.Message);
            return new DocumentSpec(
                "failed.g.cs",
                ns,
                PathUtil.FileName(document.Path),
                EquatableArray<WorkflowSpec>.Empty,
                new[] { diagnostic }.ToEquatableArray());
        }
    }

    private static void AddSources(SourceProductionContext context, ImmutableArray<EmittedDocument> documents)
    {
        var hints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents.OrderBy(d => d.HintName, StringComparer.Ordinal).ThenBy(
            d => d.SourceFileName,
            StringComparer.Ordinal))
        {
            foreach (var diagnostic in document.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (document.Text is null)
            {
                continue;
            }

            var hint = document.HintName;
            for (var n = 2; !hints.Add(hint); n++)
            {
                hint = document.HintName.Substring(0, document.HintName.Length - ".g.cs".Length) + "." + n + ".g.cs";
            }

            context.AddSource(hint, SourceText.From(document.Text, Encoding.UTF8));
        }
    }

    private static bool IsNamespace(string? value)
        => !string.IsNullOrWhiteSpace(value)
           && value!.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_')
                                            && part.All(c => char.IsLetterOrDigit(c) || c == '_'));
}

/// <summary>The names of the generator's tracked steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Reading and parsing one AdditionalFile.</summary>
    public const string Parse = "ArazzoGen.Parse";

    /// <summary>All OpenAPI indexes, gathered.</summary>
    public const string OpenApiIndexes = "ArazzoGen.OpenApiIndexes";

    /// <summary>The namespace of generated code.</summary>
    public const string Namespace = "ArazzoGen.Namespace";

    /// <summary>What one Arazzo document's workflows look like to other documents.</summary>
    public const string Declare = "ArazzoGen.Declare";

    /// <summary>The workflows of all Arazzo documents, gathered.</summary>
    public const string Workflows = "ArazzoGen.Workflows";

    /// <summary>Binding one Arazzo document.</summary>
    public const string Bind = "ArazzoGen.Bind";

    /// <summary>Writing one Arazzo document's C#.</summary>
    public const string Emit = "ArazzoGen.Emit";
}
