using System;
using System.Linq;
using ArazzoGen.Binding;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Emit;

/// <summary>
/// One Arazzo document's C#, or null when it has no workflow to write, its dependency injection registrations when
/// the project can use them, and every diagnostic about the document.
/// Made in a step of its own per document, so an edit to one document writes only that document's C# again.
/// </summary>
internal sealed record EmittedDocument(
    string HintName,
    string SourceFileName,
    string? Text,
    string? Registrations,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static EmittedDocument Of(DocumentSpec document, bool dependencyInjection)
    {
        if (document.Workflows.Count == 0)
        {
            return new EmittedDocument(document.HintName, document.SourceFileName, null, null, document.Diagnostics);
        }

        try
        {
            return new EmittedDocument(
                document.HintName,
                document.SourceFileName,
                WorkflowEmitter.Emit(document),
                dependencyInjection ? ServiceCollectionEmitter.Emit(document) : null,
                document.Diagnostics);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                SourceSpan.FileStart(document.SourceFileName),
                document.SourceFileName,
                ex.GetType().Name + ": " + ex.Message);
            return new EmittedDocument(
                document.HintName,
                document.SourceFileName,
                null,
                null,
                document.Diagnostics.Concat(new[] { failure }).ToEquatableArray());
        }
    }
}
