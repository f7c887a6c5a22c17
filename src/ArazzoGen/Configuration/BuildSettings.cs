using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
/// A value that cannot be used (a namespace that is not one, a delay that is not a number of seconds) is ignored
/// and the default applies, as with RootNamespace.
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
        var ns = Read(options, NamespaceProperty) is { } own && IsNamespace(own) ? own
            : Read(options, RootNamespaceProperty) is { } root && IsNamespace(root) ? root
            : ArazzoGenerator.DefaultNamespace;
        return new ProjectSettings(ns, LoopDelay(Read(options, LoopDelayProperty)));
    }

    public static FileSettings ReadFile(string path, AnalyzerConfigOptions options)
        => new(path, ClassNames(Read(options, ClassNamesMetadata)), LoopDelay(Read(options, LoopDelayMetadata)));

    private static string? Read(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Seconds, such as <c>2</c> or <c>0.25</c>, as whole milliseconds.</summary>
    private static int? LoopDelay(string? value)
        => value is not null
           && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
           && seconds >= 0 && seconds <= MaxLoopDelaySeconds
            ? (int)Math.Round(seconds * 1000)
            : null;

    /// <summary>
    /// <c>workflowId=ClassName</c> pairs; a name without a workflow id names the document's first workflow.
    /// Commas separate them, because a semicolon would split an MSBuild list and start an .editorconfig comment.
    /// </summary>
    private static EquatableArray<ClassNameSetting> ClassNames(string? value)
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
            }
        }

        return names.ToEquatableArray();
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
    public static readonly ProjectSettings Default = new(ArazzoGenerator.DefaultNamespace, null);
}

/// <summary>The settings one AdditionalFile carries as metadata.</summary>
internal sealed record FileSettings(
    string Path,
    EquatableArray<ClassNameSetting> ClassNames,
    int? LoopDelayMilliseconds)
{
    public bool IsEmpty => ClassNames.Count == 0 && LoopDelayMilliseconds is null;
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
