using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArazzoGen.Configuration;

/// <summary>
/// Reads what a project sets through MSBuild: the properties and AdditionalFiles metadata that the package's
/// build/ArazzoGen.props makes visible to the compiler. They become plain values at once, so a pipeline step that
/// takes them runs again only when a value does change.
/// </summary>
/// <remarks>
/// A value that cannot be used (a namespace that is not one, a delay that is not a number of seconds) is reported
/// (ARZ0039) and the default applies.
/// </remarks>
internal static class BuildSettings
{
    /// <summary>The namespace of generated code; RootNamespace when unset.</summary>
    public const string NamespaceProperty = "build_property.ArazzoGenNamespace";

    /// <summary>The project's root namespace, which the SDK makes visible to the compiler.</summary>
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>The default loop delay of every workflow, in seconds.</summary>
    public const string LoopDelayProperty = "build_property.ArazzoGenLoopDelay";

    /// <summary>Class names for a document's workflows: <c>workflowId=ClassName</c> pairs, comma-separated.</summary>
    public const string ClassNamesMetadata = "build_metadata.AdditionalFiles.ArazzoClassNames";

    /// <summary>The default loop delay of one document's workflows, in seconds.</summary>
    public const string LoopDelayMetadata = "build_metadata.AdditionalFiles.ArazzoLoopDelay";

    /// <summary>The longest loop delay a setting may give: one day.</summary>
    private const double MaxLoopDelaySeconds = 24 * 60 * 60;

    public static ProjectSettings ReadProject(AnalyzerConfigOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = Read(options, RootNamespaceProperty) is { } rootValue ? NamespaceFrom(rootValue) : null;
        var fallback = root ?? ArazzoGenerator.DefaultNamespace;
        var ns = fallback;
        if (Read(options, NamespaceProperty) is { } own)
        {
            if (IsNamespace(own))
            {
                ns = own;
            }
            else
            {
                diagnostics.Add(Ignored(SourceSpan.None, "ArazzoGenNamespace", own,
                    $"it is not a C# namespace, so the types go into {fallback}"));
            }
        }

        var delay = LoopDelay(Read(options, LoopDelayProperty), "ArazzoGenLoopDelay", SourceSpan.None, diagnostics);
        return new ProjectSettings(ns, delay) { Diagnostics = diagnostics.ToEquatableArray() };
    }

    public static FileSettings ReadFile(string path, AnalyzerConfigOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var at = SourceSpan.FileStart(path);
        var classNames = ClassNames(Read(options, ClassNamesMetadata), at, diagnostics);
        var delay = LoopDelay(Read(options, LoopDelayMetadata), "ArazzoLoopDelay", at, diagnostics);
        return new FileSettings(path, classNames, delay) { Diagnostics = diagnostics.ToEquatableArray() };
    }

    private static string? Read(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Seconds, such as <c>2</c> or <c>0.25</c>, as whole milliseconds.</summary>
    private static int? LoopDelay(string? value, string name, SourceSpan at, List<DiagnosticInfo> diagnostics)
    {
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && seconds <= MaxLoopDelaySeconds)
        {
            return (int)Math.Round(seconds * 1000);
        }

        diagnostics.Add(Ignored(at, name, value,
            "it is not a number of seconds from 0 to 86400 (such as 2 or 0.25), so the default loop delay applies"));
        return null;
    }

    /// <summary>
    /// <c>workflowId=ClassName</c> pairs; a name without a workflow id names the document's first workflow.
    /// Commas separate them, because a semicolon would split an MSBuild list and start an .editorconfig comment.
    /// </summary>
    private static EquatableArray<ClassNameSetting> ClassNames(
        string? value,
        SourceSpan at,
        List<DiagnosticInfo> diagnostics)
    {
        if (value is null)
        {
            return EquatableArray<ClassNameSetting>.Empty;
        }

        var names = new List<ClassNameSetting>();
        foreach (var entry in value.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            var equals = entry.IndexOf('=');
            var workflowId = equals < 0 ? null : entry.Substring(0, equals).Trim();
            var className = equals < 0 ? entry : entry.Substring(equals + 1).Trim();
            if (IsTypeName(className) && workflowId != string.Empty)
            {
                names.Add(new ClassNameSetting(workflowId, className));
                continue;
            }

            diagnostics.Add(Ignored(at, "ArazzoClassNames", entry, workflowId == string.Empty
                ? "it names no workflow id before '='"
                : $"'{className}' is not a C# class name (an identifier that is not a keyword)"));
        }

        return names.ToEquatableArray();
    }

    private static DiagnosticInfo Ignored(SourceSpan at, string setting, string value, string why)
        => DiagnosticInfo.Create(DiagnosticDescriptors.IgnoredSetting, at, setting, value, why);

    /// <summary>
    /// RootNamespace as a namespace: the SDK takes it from the project name, which may hold characters a namespace
    /// cannot (hello-arazzo); each becomes '_', as the .NET templates do.
    /// </summary>
    private static string? NamespaceFrom(string rootNamespace)
    {
        var parts = rootNamespace.Split('.').Select(part =>
        {
            var chars = part.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
            var name = new string(chars);
            return name.Length > 0 && (char.IsDigit(name[0]) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
                ? "_" + name
                : name;
        }).ToList();
        return parts.All(p => p.Length > 0) ? string.Join(".", parts) : null;
    }

    private static bool IsTypeName(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
           && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    private static bool IsNamespace(string value)
        => value.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part)
                                        && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);
}

/// <summary>The project-wide settings: the namespace of generated code and the default loop delay.</summary>
internal sealed record ProjectSettings(string Namespace, int? LoopDelayMilliseconds)
{
    /// <summary>The settings that were ignored, reported once per build.</summary>
    public EquatableArray<DiagnosticInfo> Diagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;
}

/// <summary>The settings one AdditionalFile carries as metadata.</summary>
internal sealed record FileSettings(
    string Path,
    EquatableArray<ClassNameSetting> ClassNames,
    int? LoopDelayMilliseconds)
{
    /// <summary>The metadata that was ignored, reported at the start of the file.</summary>
    public EquatableArray<DiagnosticInfo> Diagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

    public bool IsEmpty => ClassNames.Count == 0 && LoopDelayMilliseconds is null && Diagnostics.Count == 0;
}

/// <summary>The class name a project gives a workflow; a null workflow id means the document's first.</summary>
internal sealed record ClassNameSetting(string? WorkflowId, string ClassName);

/// <summary>What one Arazzo document is bound with: the project's settings, then its own file's.</summary>
internal sealed record DocumentSettings(
    string Namespace,
    int? LoopDelayMilliseconds,
    EquatableArray<ClassNameSetting> ClassNames)
{
    public static readonly DocumentSettings Default = new(
        ArazzoGenerator.DefaultNamespace,
        null,
        EquatableArray<ClassNameSetting>.Empty);

    public static DocumentSettings For(string path, ProjectSettings project, EquatableArray<FileSettings> files)
    {
        var file = files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.Ordinal));
        return new DocumentSettings(
            project.Namespace,
            file?.LoopDelayMilliseconds ?? project.LoopDelayMilliseconds,
            file?.ClassNames ?? EquatableArray<ClassNameSetting>.Empty);
    }

    /// <summary>
    /// What declaring a document's workflows to other documents depends on: only the class names, so that a new
    /// namespace or delay leaves that step cached.
    /// </summary>
    public DocumentSettings ForDeclaring() => Default with { ClassNames = ClassNames };

    /// <summary>The class name the project gives a workflow, or null for the name taken from its id.</summary>
    public string? ClassNameOf(string workflowId, bool isFirst)
        => ClassNames.FirstOrDefault(c => c.WorkflowId == workflowId)?.ClassName
           ?? (isFirst ? ClassNames.FirstOrDefault(c => c.WorkflowId is null)?.ClassName : null);
}

/// <summary>An Arazzo document and the settings it is bound with.</summary>
internal sealed record ConfiguredDocument(Model.ArazzoDocument Document, DocumentSettings Settings);
