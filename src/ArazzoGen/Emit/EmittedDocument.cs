using System;
using System.Linq;
using ArazzoGen.Binding;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;

namespace ArazzoGen.Emit;

/// <summary>
/// One Arazzo document's C#, or null when it has no workflow to write, with every diagnostic about the document.
/// Made in a step of its own per document, so an edit to one document writes only that document's C# again.
/// </summary>
internal sealed record EmittedDocument(
    string HintName,
    string SourceFileName,
    string? Text,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static EmittedDocument Of(DocumentSpec document)
    {
        if (document.Workflows.Count == 0)
        {
            return new EmittedDocument(document.HintName, document.SourceFileName, null, document.Diagnostics);
        }

        try
        {
            return new EmittedDocument(
                document.HintName,
                document.SourceFileName,
                WorkflowEmitter.Emit(document),
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
                document.Diagnostics.Concat(new[] { failure }).ToEquatableArray());
        }
    }
}
