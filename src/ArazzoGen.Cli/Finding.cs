using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Cli;

/// <summary>
/// One line of output: a generator diagnostic, or a problem of the tool itself (no id, maybe no path).
/// </summary>
internal sealed record Finding(
    string? Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    DiagnosticSeverity Severity,
    string Id,
    string Message)
{
    public static Finding FromDiagnostic(Diagnostic diagnostic, string currentDirectory)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var path = span.IsValid && !string.IsNullOrEmpty(span.Path) ? Display(span.Path, currentDirectory) : null;
        return new Finding(
            path,
            path is null ? 0 : span.StartLinePosition.Line + 1,
            path is null ? 0 : span.StartLinePosition.Character + 1,
            path is null ? 0 : span.EndLinePosition.Line + 1,
            path is null ? 0 : span.EndLinePosition.Character + 1,
            diagnostic.Severity,
            diagnostic.Id,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Finding Tool(string? fullPath, string currentDirectory, DiagnosticSeverity severity, string message)
        => new(fullPath is null ? null : Display(fullPath, currentDirectory), 0, 0, 0, 0, severity, "", message);

    public string SeverityName => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary>MSBuild's canonical form: <c>path(line,col): error ID: message</c>.</summary>
    public string ToText()
    {
        var origin = Path is null ? "arazzogen" : Line > 0 ? $"{Path}({Line},{Column})" : Path;
        var category = Id.Length == 0 ? SeverityName : SeverityName + " " + Id;
        return $"{origin}: {category}: {Message}";
    }

    /// <summary>
    /// Relative to the current directory when under it, so the output reads the same on every machine.
    /// </summary>
    public static string Display(string fullPath, string currentDirectory)
    {
        var relative = System.IO.Path.GetRelativePath(currentDirectory, fullPath);
        var outside = relative == ".."
                      || relative.StartsWith(".." + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
                      || System.IO.Path.IsPathRooted(relative);
        return outside ? fullPath : relative;
    }
}
