using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Diagnostics;

/// <summary>The catalogue of everything ArazzoGen reports. Ids are stable: never reuse or renumber one.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>
    /// Where each id's help link points: its section of docs/diagnostics.md, relative to the repository root. The
    /// repository has no public web address yet, so the link is a path a reader can open in a clone rather than a
    /// URL that would pretend to exist; when one exists, this constant is the one place to change.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md#";

    /// <summary>The help link of <paramref name="id"/>: the anchor of its section, the id in lower case.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id.ToLowerInvariant();

    public static readonly DiagnosticDescriptor SyntaxError = new(
        "ARZ0001",
        "The file is not valid YAML or JSON",
        "The file is not valid YAML or JSON: {1}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0001"));

    public static readonly DiagnosticDescriptor MissingField = new(
        "ARZ0002",
        "A required field or parameter is missing",
        "{0} is missing {1}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0002"));

    public static readonly DiagnosticDescriptor WrongType = new(
        "ARZ0003",
        "A field has the wrong type",
        "'{0}' must be {1}, but it is {2}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0003"));

    public static readonly DiagnosticDescriptor UnsupportedVersion = new(
        "ARZ0004",
        "This Arazzo version is not supported",
        "Arazzo version '{0}' is not supported: this release reads Arazzo 1.0.x documents{1}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0004"));

    public static readonly DiagnosticDescriptor SourceNotFound = new(
        "ARZ0005",
        "A source description has no local copy",
        "Source description '{0}' points at '{1}', which is not among the AdditionalFiles (looked for '{2}'); "
        + "add the document to the project as <AdditionalFiles Include=\"...\" />{3}",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0005"));

    public static readonly DiagnosticDescriptor OpenApiUnreadable = new(
        "ARZ0006",
        "An OpenAPI document could not be read",
        "OpenAPI document '{0}' could not be read: {1}",
        "ArazzoGen.OpenAPI",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0006"));

    public static readonly DiagnosticDescriptor OperationNotFound = new(
        "ARZ0007",
        "The step's operation does not exist",
        "Step '{0}' targets {1}, which is not defined by {2}{3}",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0007"));

    public static readonly DiagnosticDescriptor InvalidExpression = new(
        "ARZ0008",
        "A runtime expression is malformed",
        "'{0}' is not a valid runtime expression: {1}",
        "ArazzoGen.Expression",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0008"));

    public static readonly DiagnosticDescriptor UnknownReference = new(
        "ARZ0009",
        "An expression names something that does not exist",
        "{0} '{1}' does not exist{2}",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0009"));

    public static readonly DiagnosticDescriptor InvalidCondition = new(
        "ARZ0010",
        "A criterion's condition is malformed",
        "Condition '{0}' is not a valid {1}: {2}",
        "ArazzoGen.Criteria",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0010"));

    public static readonly DiagnosticDescriptor UnbracedExpression = new(
        "ARZ0011",
        "An embedded expression is written without braces",
        "'{0}' embeds '{1}' without braces; it is read as an embedded expression. The spec form is '{2}'.",
        "ArazzoGen.Expression",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0011"));

    public static readonly DiagnosticDescriptor JsonPathComparisonForm = new(
        "ARZ0012",
        "A JSONPath criterion uses a comparison outside a filter",
        "'{0}' is not RFC 9535 JSONPath; it is read as a comparison of the selected value. The RFC 9535 form is '{1}'.",
        "ArazzoGen.Criteria",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0012"));

    public static readonly DiagnosticDescriptor NotSupportedYet = new(
        "ARZ0013",
        "The document uses something this release cannot generate",
        "{0} in {1} is not supported by this release of ArazzoGen; the workflow that uses it is not generated",
        "ArazzoGen.Support",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0013"));

    public static readonly DiagnosticDescriptor UnknownStepTarget = new(
        "ARZ0014",
        "An action names a step that does not exist",
        "Action '{0}' goes to step '{1}', which workflow '{2}' does not have{3}",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0014"));

    public static readonly DiagnosticDescriptor DuplicateId = new(
        "ARZ0015",
        "An id is used twice",
        "{0} '{1}' is defined more than once",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0015"));

    public static readonly DiagnosticDescriptor NameCollision = new(
        "ARZ0016",
        "Two names become the same C# identifier",
        "'{0}' and '{1}' both become the C# name '{2}'; '{1}' is generated as '{3}'",
        "ArazzoGen.Naming",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0016"));

    public static readonly DiagnosticDescriptor InternalError = new(
        "ARZ0017",
        "ArazzoGen failed on this file",
        "ArazzoGen could not process '{0}': {1}. Please report this with the file that caused it.",
        "ArazzoGen.Generator",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0017"));

    public static readonly DiagnosticDescriptor LimitExceeded = new(
        "ARZ0018",
        "The document is too large or too deep",
        "The document exceeds a safety limit: {1}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0018"));

    public static readonly DiagnosticDescriptor IdPattern = new(
        "ARZ0019",
        "An id does not follow the recommended pattern",
        "{0} '{1}' should match [A-Za-z0-9_\\-]+, the pattern Arazzo recommends, "
        + "so that runtime expressions can name it",
        "ArazzoGen.Document",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0019"));

    public static readonly DiagnosticDescriptor ShorthandReference = new(
        "ARZ0020",
        "A step names its source in a shorthand form",
        "'{0}' is not the Arazzo form; it is read as '{1}'",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0020"));

    public static readonly DiagnosticDescriptor AmbiguousOperation = new(
        "ARZ0021",
        "A bare operationId is defined by several sources",
        "Step '{0}' targets operationId '{1}', which sources {2} all define; with several sources Arazzo wants it "
        + "qualified, as in '$sourceDescriptions.{3}.{1}'",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0021"));

    public static readonly DiagnosticDescriptor MissingWorkflowInput = new(
        "ARZ0030",
        "A workflow is run without a required input",
        "{0} runs workflow '{1}' without its required input '{2}'; {3}",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0030"));

    public static readonly DiagnosticDescriptor ImplicitDependency = new(
        "ARZ0031",
        "A workflow reads the outputs of a workflow it does not depend on",
        "Workflow '{0}' reads the outputs of workflow '{1}' without running it or listing it in dependsOn; "
        + "'{1}' runs first as if dependsOn listed it. Add it to dependsOn to say so.",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0031"));

    public static readonly DiagnosticDescriptor AbsoluteSourcePath = new(
        "ARZ0032",
        "A source description uses an absolute path",
        "Source description '{0}' names the absolute path '{1}', which exists only on the author's machine; "
        + "ArazzoGen used '{2}', the AdditionalFile with the same name. Write a path relative to the Arazzo document.",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0032"));

    public static readonly DiagnosticDescriptor ClassInTwoDocuments = new(
        "ARZ0033",
        "Two Arazzo documents generate the same class",
        "Workflow '{0}' would generate class {1}, which '{2}' already generates in the same namespace; "
        + "rename one of the workflows",
        "ArazzoGen.Naming",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0033"));

    public static readonly DiagnosticDescriptor CalleeNotGenerated = new(
        "ARZ0034",
        "A workflow of another document is not generated",
        "Workflow '{0}' of '{1}' cannot be run from here: it has errors of its own (reported in that document), or it "
        + "runs a workflow of yet another document, and ArazzoGen resolves one level of calls between documents",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0034"));

    public static readonly DiagnosticDescriptor DependencyCycle = new(
        "ARZ0035",
        "A workflow depends on itself",
        "Workflow '{0}' depends on itself through dependsOn ({1}), so it could never start",
        "ArazzoGen.Reference",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0035"));

    public static readonly DiagnosticDescriptor UnknownField = new(
        "ARZ0036",
        "A field that no Arazzo object defines",
        "'{0}' is not a field of {1}, so it is ignored{2}; extensions are written x-{0}",
        "ArazzoGen.Document",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0036"));

    public static readonly DiagnosticDescriptor UnreachableStep = new(
        "ARZ0037",
        "A step can never run",
        "Step '{0}' can never run: no step before it continues to it and no action goes to it",
        "ArazzoGen.Flow",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0037"));

    public static readonly DiagnosticDescriptor InescapableLoop = new(
        "ARZ0038",
        "A goto loop has no way out",
        "Steps {0} loop with no way out: success and failure of each go, without criteria, to a step of the loop, so "
        + "only the step budget ends a run that enters it",
        "ArazzoGen.Flow",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0038"));

    public static readonly DiagnosticDescriptor IgnoredSetting = new(
        "ARZ0039",
        "An MSBuild setting is ignored",
        "The MSBuild setting {0} = '{1}' is ignored: {2}",
        "ArazzoGen.Configuration",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("ARZ0039"));

    private static readonly Dictionary<string, DiagnosticDescriptor> Catalogue = Build();

    public static DiagnosticDescriptor ById(string id) => Catalogue[id];

    public static IEnumerable<DiagnosticDescriptor> All => Catalogue.Values;

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var all = new[]
        {
            SyntaxError, MissingField, WrongType, UnsupportedVersion, SourceNotFound, OpenApiUnreadable,
            OperationNotFound, InvalidExpression, UnknownReference, InvalidCondition, UnbracedExpression,
            JsonPathComparisonForm, NotSupportedYet, UnknownStepTarget, DuplicateId, NameCollision, InternalError,
            LimitExceeded, IdPattern, ShorthandReference, AmbiguousOperation, MissingWorkflowInput,
            ImplicitDependency, AbsoluteSourcePath, ClassInTwoDocuments, CalleeNotGenerated,
            DependencyCycle, UnknownField, UnreachableStep, InescapableLoop, IgnoredSetting,
        };
        var map = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var d in all)
        {
            map.Add(d.Id, d);
        }

        return map;
    }
}
