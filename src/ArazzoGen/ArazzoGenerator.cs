using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ArazzoGen.Binding;
using ArazzoGen.Configuration;
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
/// read every file on its own (Parse) → gather the OpenAPI indexes (OpenApiIndexes) → give each Arazzo document its
/// MSBuild settings (ProjectSettings, FileSettings, Settings) → bind each Arazzo document to the indexes (Bind) →
/// check whether the project references what dependency injection registrations need (DependencyInjection) → write
/// each document's C# (Emit) → add them all together (so generated file names are unique). A C# edit touches none of
/// these steps but the check, which yields the same bool; editing one YAML file re-reads and re-writes only that file.
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

        // The MSBuild settings (build/ArazzoGen.props): the project's properties, and the metadata of the files that
        // carry any. Both become plain records, so a C# edit (a new options provider) changes nothing downstream.
        var projectSettings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => BuildSettings.ReadProject(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ProjectSettings);

        var fileSettings = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => BuildSettings.ReadFile(input.Left.Path, input.Right.GetOptions(input.Left)))
            .Where(static settings => !settings.IsEmpty)
            .Collect()
            .Select(static (all, _) => all.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.FileSettings);

        // Each Arazzo document with the settings it is bound with.
        var documents = parsed
            .Where(static file => file.Arazzo is not null)
            .Select(static (file, _) => file.Arazzo!)
            .Combine(projectSettings.Combine(fileSettings))
            .Select(static (input, _) => new ConfiguredDocument(
                input.Left,
                DocumentSettings.For(input.Left.Path, input.Right.Left, input.Right.Right)))
            .WithTrackingName(TrackingNames.Settings);

        // The file names the documents name as arazzo sources, gathered: only a document named so is bound to
        // declare its workflows to others.
        var arazzoSources = parsed
            .Where(static file => file.Arazzo is not null)
            .Select(static (file, _) => WorkflowBinder.ArazzoSourceFileNames(file.Arazzo!))
            .Collect()
            .Select(static (all, _) => all.SelectMany(names => names).Distinct(StringComparer.Ordinal)
                .OrderBy(name => name, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.ArazzoSources);

        // What each document's workflows look like to other documents that name it as an arazzo source: a first
        // binding without the other documents. Its result changes only when a workflow's names, inputs or outputs
        // do, so editing a step leaves the binding of every other document cached. A document nobody names declares
        // only the class names it claims, without that first binding.
        var signatures = documents
            .Select(static (input, _) => input with { Settings = input.Settings.ForDeclaring() })
            .Combine(openApiIndexes)
            .Combine(arazzoSources)
            .Select(static (input, cancellationToken) => Declare(
                input.Left.Left.Document, input.Left.Right, input.Right, input.Left.Left.Settings, cancellationToken))
            .WithTrackingName(TrackingNames.Declare)
            .Collect()
            .Select(static (all, _) => all.OrderBy(d => d.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Workflows);

        var bound = documents
            .Combine(openApiIndexes)
            .Combine(signatures)
            .Select(static (input, cancellationToken) => Bind(
                input.Left.Left.Document,
                input.Left.Right,
                input.Right,
                input.Left.Left.Settings,
                cancellationToken))
            .WithTrackingName(TrackingNames.Bind);

        context.RegisterSourceOutput(parsed.Select(static (file, _) => file.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // Settings that could not be used: reported here, once, whatever the documents.
        context.RegisterSourceOutput(
            projectSettings.Combine(fileSettings),
            static (spc, settings) =>
            {
                foreach (var diagnostic in settings.Left.Diagnostics.Concat(
                    settings.Right.SelectMany(f => f.Diagnostics)))
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

        // Whether the project can use dependency injection registrations: a bool, so a C# edit that changes the
        // compilation but not its references leaves the output cached.
        var dependencyInjection = context.CompilationProvider
            .Select(static (compilation, _) => ServiceCollectionEmitter.IsAvailable(compilation))
            .WithTrackingName(TrackingNames.DependencyInjection);

        // Each document's C# is written in a step of its own, so editing one document writes only its C# again;
        // the last stage only makes hint names unique and hands the texts to the compiler.
        var emitted = bound
            .Combine(dependencyInjection)
            .Select(static (input, _) => EmittedDocument.Of(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(emitted.Collect(), static (spc, documents) => AddSources(spc, documents));
    }

    private static DocumentSignatures Declare(
        ArazzoDocument document,
        EquatableArray<OpenApiIndex> indexes,
        EquatableArray<string> arazzoSources,
        DocumentSettings settings,
        System.Threading.CancellationToken token)
    {
        if (!arazzoSources.Contains(PathUtil.FileName(document.Path)))
        {
            return WorkflowBinder.DeclareClassNames(document, settings);
        }

        var spec = Bind(document, indexes, EquatableArray<DocumentSignatures>.Empty, settings, token);
        return WorkflowBinder.Declare(spec, document, settings);
    }

    private static DocumentSpec Bind(
        ArazzoDocument document,
        EquatableArray<OpenApiIndex> indexes,
        EquatableArray<DocumentSignatures> documents,
        DocumentSettings settings,
        System.Threading.CancellationToken token)
    {
        try
        {
            return WorkflowBinder.Bind(document, indexes, documents, settings, token);
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
                settings.Namespace,
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
            if (document.Registrations is { } registrations)
            {
                var registrationsHint = ServiceCollectionEmitter.HintName(hint);
                for (var n = 2; !hints.Add(registrationsHint); n++)
                {
                    registrationsHint = ServiceCollectionEmitter.HintName(hint + "." + n + ".g.cs");
                }

                context.AddSource(registrationsHint, SourceText.From(registrations, Encoding.UTF8));
            }
        }
    }
}

/// <summary>The names of the generator's tracked steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Reading and parsing one AdditionalFile.</summary>
    public const string Parse = "ArazzoGen.Parse";

    /// <summary>All OpenAPI indexes, gathered.</summary>
    public const string OpenApiIndexes = "ArazzoGen.OpenApiIndexes";

    /// <summary>The project's MSBuild settings.</summary>
    public const string ProjectSettings = "ArazzoGen.ProjectSettings";

    /// <summary>The MSBuild metadata of the AdditionalFiles that carry settings, gathered.</summary>
    public const string FileSettings = "ArazzoGen.FileSettings";

    /// <summary>One Arazzo document with the settings it is bound with.</summary>
    public const string Settings = "ArazzoGen.Settings";

    /// <summary>The file names Arazzo documents name as arazzo sources, gathered.</summary>
    public const string ArazzoSources = "ArazzoGen.ArazzoSources";

    /// <summary>What one Arazzo document's workflows look like to other documents.</summary>
    public const string Declare = "ArazzoGen.Declare";

    /// <summary>The workflows of all Arazzo documents, gathered.</summary>
    public const string Workflows = "ArazzoGen.Workflows";

    /// <summary>Binding one Arazzo document.</summary>
    public const string Bind = "ArazzoGen.Bind";

    /// <summary>Whether the project references what dependency injection registrations need.</summary>
    public const string DependencyInjection = "ArazzoGen.DependencyInjection";

    /// <summary>Writing one Arazzo document's C#.</summary>
    public const string Emit = "ArazzoGen.Emit";
}
