using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Configuration;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;
using ArazzoGen.OpenApi;

namespace ArazzoGen.Binding;

/// <summary>
/// Binds an Arazzo document to the OpenAPI documents it names: resolves each step's operation, types inputs and
/// outputs, and compiles every expression and criterion. A workflow with an error is reported and left out; the
/// document's other workflows are still generated.
/// </summary>
internal sealed partial class WorkflowBinder
{
    private readonly ArazzoDocument _document;
    private readonly IReadOnlyList<OpenApiIndex> _indexes;
    private readonly IReadOnlyList<DocumentSignatures> _documents;
    private readonly DocumentSettings _settings;
    private readonly DiagnosticBag _diagnostics = new();

    // The inputs of the workflow being bound that its steps send as credentials.
    private readonly HashSet<string> _secretInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenApiIndex?> _sources = new(StringComparer.Ordinal);

    /// <summary>
    /// Members every record or object already has: a document name that becomes one of these is renamed.
    /// </summary>
    private static readonly string[] ObjectMembers =
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "GetType", "MemberwiseClone",
        "Deconstruct", "Finalize", "ReferenceEquals",
    };

    private static Dictionary<string, string> ReservedNames(string typeName)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [typeName] = "(the type itself)" };
        foreach (var member in ObjectMembers)
        {
            names[member] = "(the inherited member " + member + ")";
        }

        return names;
    }

    private WorkflowBinder(
        ArazzoDocument document,
        IReadOnlyList<OpenApiIndex> indexes,
        IReadOnlyList<DocumentSignatures> documents,
        DocumentSettings settings)
    {
        _document = document;
        _indexes = indexes;
        _documents = documents;
        _settings = settings;
    }

    /// <summary>
    /// Binds <paramref name="document"/>; <paramref name="documents"/> are the workflows of the other Arazzo
    /// documents (for steps that run a workflow of an <c>arazzo</c> source), empty when only declaring.
    /// </summary>
    public static DocumentSpec Bind(
        ArazzoDocument document,
        EquatableArray<OpenApiIndex> indexes,
        EquatableArray<DocumentSignatures> documents,
        DocumentSettings settings,
        CancellationToken cancellationToken)
        => new WorkflowBinder(document, indexes.ToList(), documents.ToList(), settings)
            .BindDocument(cancellationToken);

    /// <summary>
    /// What other documents see of the workflows a bound document generates, and of those it does not.
    /// </summary>
    public static DocumentSignatures Declare(DocumentSpec spec, ArazzoDocument document, DocumentSettings settings)
        => new(
            document.Path,
            spec.Workflows.Select(w => new WorkflowSignature(
                w.WorkflowId,
                w.ClassName,
                w.InputsType,
                w.OutputsType,
                w.Inputs,
                w.Outputs.Select(o => new OutputSignature(o.Name, o.Property, o.Type)).ToEquatableArray()))
                .ToEquatableArray(),
            document.Workflows.Select(w => w.WorkflowId)
                .Where(id => spec.Workflows.All(w => w.WorkflowId != id))
                .ToEquatableArray(),
            ClassNames(document, settings));

    /// <summary>
    /// <see cref="Declare"/> for a document no other document names as an <c>arazzo</c> source: nobody runs its
    /// workflows from outside, so only the class names it claims are declared, and it is not bound twice.
    /// </summary>
    public static DocumentSignatures DeclareClassNames(ArazzoDocument document, DocumentSettings settings)
        => new(
            document.Path,
            EquatableArray<WorkflowSignature>.Empty,
            document.Workflows.Select(w => w.WorkflowId).ToEquatableArray(),
            ClassNames(document, settings));

    /// <summary>
    /// The class names a document claims in the one namespace all documents generate into: each workflow's, as its
    /// id or the project's settings give it and as it is made unique within the document, whether or not the
    /// workflow then binds.
    /// </summary>
    private static EquatableArray<string> ClassNames(ArazzoDocument document, DocumentSettings settings)
    {
        var binder = new WorkflowBinder(document, Array.Empty<OpenApiIndex>(), Array.Empty<DocumentSignatures>(),
            settings);
        if (IsSupportedVersion(document))
        {
            binder.DeclareWorkflows();
        }

        return binder._signatures.Values.Select(s => s.ClassName)
            .Concat(document.Workflows.Select((w, i) => ClassNameOf(w, i == 0, settings).ClassName))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>
    /// The file names a document's <c>arazzo</c> sources can resolve to (as <c>Locate</c> finds them): a document whose
    /// file name is not among any document's is named by none.
    /// </summary>
    public static EquatableArray<string> ArazzoSourceFileNames(ArazzoDocument document)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in document.SourceDescriptions.Where(s => s.Type == "arazzo"))
        {
            if (PathUtil.IsRemote(source.Url))
            {
                if (Uri.TryCreate(source.Url, UriKind.Absolute, out var uri))
                {
                    names.Add(PathUtil.FileName(uri.AbsolutePath));
                }

                continue;
            }

            names.Add(PathUtil.FileName(source.Url));
            names.Add(PathUtil.FileName(PathUtil.IsAbsolute(source.Url)
                ? PathUtil.Normalize(source.Url)
                : PathUtil.ResolveRelative(document.Path, source.Url)));
        }

        return names.ToEquatableArray();
    }

    private static bool IsSupportedVersion(ArazzoDocument document)
        => document.Version.StartsWith("1.0.", StringComparison.Ordinal);

    private DocumentSpec BindDocument(CancellationToken cancellationToken)
    {
        var rootNamespace = _settings.Namespace;
        var fileName = PathUtil.FileName(_document.Path);
        var hint = HintName(fileName);
        if (!IsSupportedVersion(_document))
        {
            var advice = _document.Version.StartsWith("1.", StringComparison.Ordinal)
                ? "; a later Arazzo 1.x release of ArazzoGen will read it, or write the document as Arazzo 1.0.1"
                : string.Empty;
            _diagnostics.Add(
                DiagnosticDescriptors.UnsupportedVersion,
                _document.VersionSpan,
                _document.Version,
                advice);
            return Result(hint, rootNamespace, fileName, Array.Empty<WorkflowSpec>());
        }

        ResolveSources();
        DeclareWorkflows();
        var workflows = new List<WorkflowSpec>();
        foreach (var workflow in BindOrder())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signature = _signatures[workflow.WorkflowId];
            var mark = _diagnostics.Mark();
            var spec = BindWorkflow(workflow, signature);
            if (spec is null || _diagnostics.HasErrorsSince(mark))
            {
                _failed.Add(workflow.WorkflowId);
                continue;
            }

            _bound.Add(workflow.WorkflowId);
            // Callees are bound before their callers: a caller sees which inputs the callee found secret by use.
            _signatures[workflow.WorkflowId] = signature with
            {
                Inputs = spec.Inputs,
                Outputs = spec.Outputs.Select(o => new OutputSignature(o.Name, o.Property, o.Type)).ToEquatableArray(),
            };
            workflows.Add(spec);
        }

        // Generated in document order whatever order binding needed.
        var order = _document.Workflows.Select(w => w.WorkflowId).ToList();
        workflows.Sort((a, b) => order.IndexOf(a.WorkflowId).CompareTo(order.IndexOf(b.WorkflowId)));
        return Result(hint, rootNamespace, fileName, workflows);
    }

    private DocumentSpec Result(string hint, string ns, string fileName, IEnumerable<WorkflowSpec> workflows)
        => new(hint, ns, fileName, workflows.ToEquatableArray(), _diagnostics.ToArray())
        {
            LoopDelayMilliseconds = _settings.LoopDelayMilliseconds,
        };

    private WorkflowSpec? BindWorkflow(Workflow workflow, WorkflowSignature signature)
    {
        var scope = new BindingScope(workflow, _document, _diagnostics)
        {
            FindWorkflow = FindWorkflow,
            FailedWorkflow = _failed.Contains,
            IsBound = id => _bound.Contains(id) || !_declared.ContainsKey(id),
        };
        var compiler = new ExpressionCompiler(scope);
        var className = signature.ClassName;
        var outputsType = signature.OutputsType;

        var inputs = signature.Inputs;
        foreach (var input in inputs)
        {
            scope.Inputs[input.Name] = input;
        }

        _secretInputs.Clear();
        foreach (var parameter in workflow.Parameters)
        {
            if (Secrets.IsSecretParameter(parameter.In, parameter.Name, default))
            {
                Secrets.CollectInputs(parameter.Value, _secretInputs);
            }
        }

        // Declare every step first: goto targets and $steps references may point forward.
        // Names the generated workflow class uses itself are taken before any step gets one.
        var stepNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Run"] = "(RunAsync)",
            ["Inputs"] = "(State.Inputs)",
            ["State"] = "(the State class)",
            ["Step"] = "(the Step enumeration)",
            ["BuildOutputs"] = "(BuildOutputs)",
        };
        var symbols = new List<StepSymbol>();
        foreach (var step in workflow.Steps)
        {
            if (scope.Steps.ContainsKey(step.StepId))
            {
                var first = workflow.Steps.First(s => string.Equals(s.StepId, step.StepId, StringComparison.Ordinal));
                _diagnostics.AddWithRelated(DiagnosticDescriptors.DuplicateId, step.IdSpan, first.IdSpan, "Step id",
                    step.StepId);
                continue;
            }

            var name = Unique(CSharp.Pascal(step.StepId), step.StepId, stepNames, step.IdSpan);
            var symbol = new StepSymbol(step, symbols.Count, name);
            symbols.Add(symbol);
            scope.Steps[step.StepId] = symbol;
        }

        foreach (var symbol in symbols)
        {
            ResolveOperation(symbol, workflow);
            DeclareOutputs(symbol);
        }

        // A step whose operation did not resolve was reported (here or where its source is declared); generating the
        // workflow without it would leave references to it dangling.
        if (symbols.Any(s => s.Operation is null && s.Callee is null))
        {
            return null;
        }

        var steps = new List<StepSpec>();
        foreach (var symbol in symbols)
        {
            if (BindStep(symbol, symbols, scope, compiler) is { } spec)
            {
                steps.Add(spec);
            }
        }

        CheckFlow(steps, symbols);
        var outputs = BindWorkflowOutputs(workflow, scope, compiler, outputsType);
        var dependsOn = BindDependsOn(workflow, scope);
        return new WorkflowSpec(
            workflow.WorkflowId,
            className,
            signature.InputsType,
            outputsType,
            workflow.Summary,
            workflow.Description,
            inputs.Select(i => _secretInputs.Contains(i.Name) ? i with { Secret = true } : i).ToEquatableArray(),
            outputs.ToEquatableArray(),
            steps.ToEquatableArray(),
            scope.Patterns.ToEquatableArray(),
            dependsOn.ToEquatableArray(),
            scope.ActionTargets.Values.OrderBy(c => c.ClassName, StringComparer.Ordinal).ToEquatableArray(),
            RanWorkflows(dependsOn, steps, scope));
    }

    private List<InputSpec> BindInputs(Workflow workflow, string inputsType)
    {
        var result = new List<InputSpec>();
        if (workflow.Inputs is not { } schema)
        {
            return result;
        }

        if (schema.Type is not (null or "object"))
        {
            _diagnostics.Add(
                DiagnosticDescriptors.WrongType,
                schema.Span,
                "inputs",
                "a schema of type object",
                "of type " + schema.Type);
            return result;
        }

        var names = ReservedNames(inputsType);
        foreach (var property in schema.Properties)
        {
            var required = schema.Required.Contains(property.Name);
            var (type, isReference) = InputType(property.Schema);
            var member = Unique(CSharp.Pascal(property.Name), property.Name, names, property.Schema.Span);
            result.Add(new InputSpec(
                property.Name,
                member,
                type,
                required,
                isReference,
                property.Schema.Description,
                property.Schema.Format == "password" || Secrets.LooksSecret(property.Name)));
        }

        return result;
    }

    /// <summary>
    /// JSON Schema to C#: string, long (int for int32), double, bool, IReadOnlyList of those, else JsonElement.
    /// </summary>
    private static (string Type, bool IsReference) InputType(Schema schema)
    {
        switch (schema.Type)
        {
            case "string":
                return ("string", true);
            case "integer":
                return (schema.Format == "int32" ? "int" : "long", false);
            case "number":
                return ("double", false);
            case "boolean":
                return ("bool", false);
            case "array":
                var item = schema.Items is { } items ? InputType(items).Type : "global::System.Text.Json.JsonElement";
                if (item.StartsWith("global::System.Collections", StringComparison.Ordinal))
                {
                    item = "global::System.Text.Json.JsonElement";
                }

                return ($"global::System.Collections.Generic.IReadOnlyList<{item}>", true);
            default:
                // Shortcoming: an object schema with properties could become a nested record; until then it is JSON.
                return ("global::System.Text.Json.JsonElement", false);
        }
    }

    private StepSpec? BindStep(StepSymbol symbol, List<StepSymbol> all, BindingScope scope, ExpressionCompiler compiler)
    {
        var step = symbol.Step;
        var operation = symbol.Operation;
        if (operation is null && symbol.Callee is null)
        {
            return null;
        }

        scope.CurrentStep = symbol;
        scope.ResponseAvailable = false;
        var request = operation is null ? new List<string>() : BindRequest(symbol, scope.Workflow, compiler);
        var call = symbol.Callee is { } callee ? BindCallStep(symbol, callee, compiler) : null;

        scope.ResponseAvailable = true;
        var criteria = BindCriteria(step.SuccessCriteria, compiler);
        if (step.SuccessCriteria.Count == 0 && call is null)
        {
            // Without successCriteria any 2xx status is success.
            criteria.Add(new CriterionSpec(
                "$statusCode >= 200 && $statusCode < 300", "response.StatusCode >= 200 && response.StatusCode < 300"));
        }
        var outputs = new List<StepOutputSpec>();
        foreach (var output in step.Outputs)
        {
            var compiled = compiler.CompileString(output.Expression, output.Span);
            if (!compiled.Ok)
            {
                continue;
            }

            if (compiled.Whole is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.InvalidExpression, output.Span, output.Expression,
                    "an output must be a runtime expression");
                continue;
            }

            var (property, type) = symbol.Outputs[output.Name];
            outputs.Add(new StepOutputSpec(output.Name, property, type, compiled.Whole.Value.Code));
        }

        var workflow = scope.Workflow;
        var onSuccess = BindActions(step.OnSuccess, workflow.SuccessActions, all, scope, compiler, success: true);
        var onFailure = BindActions(step.OnFailure, workflow.FailureActions, all, scope, compiler, success: false);
        scope.CurrentStep = null;
        scope.ResponseAvailable = false;

        return new StepSpec(
            step.StepId,
            symbol.Name,
            step.Description,
            operation?.Summary,
            symbol.SourceName ?? string.Empty,
            operation?.Method ?? string.Empty,
            operation?.PathTemplate ?? string.Empty,
            symbol.DefaultServer,
            request.ToEquatableArray(),
            criteria.ToEquatableArray(),
            onSuccess.ToEquatableArray(),
            onFailure.ToEquatableArray(),
            outputs.ToEquatableArray(),
            symbol.Index + 1 < all.Count ? symbol.Index + 1 : -1,
            call);
    }

    /// <summary>
    /// Step actions first, then the workflow's whose names the step did not reuse (override, never remove).
    /// </summary>
    private static IEnumerable<ActionObject> MergeActions(
        EquatableArray<ActionObject> step,
        EquatableArray<ActionObject> workflow)
    {
        var names = new HashSet<string>(step.Select(a => a.Name), StringComparer.Ordinal);
        return step.Concat(workflow.Where(a => !names.Contains(a.Name)));
    }

    private List<CriterionSpec> BindCriteria(IEnumerable<Criterion> criteria, ExpressionCompiler compiler)
    {
        var result = new List<CriterionSpec>();
        foreach (var criterion in criteria)
        {
            if (CompileCriterion(criterion, compiler) is { } code)
            {
                result.Add(new CriterionSpec(criterion.Condition, code));
            }
        }

        return result;
    }

    /// <summary>
    /// The versions a Criterion Expression Type Object may name. Each type is evaluated with one engine whatever the
    /// version: RFC 9535 for both JSONPath dialects, XPath 1.0 for every XPath version.
    /// </summary>
    private static readonly Dictionary<string, string[]> CriterionVersions = new(StringComparer.Ordinal)
    {
        ["jsonpath"] = new[] { "draft-goessner-dispatch-jsonpath-00", "rfc9535" },
        ["xpath"] = new[] { "xpath-10", "xpath-20", "xpath-30" },
    };

    private string? CompileCriterion(Criterion criterion, ExpressionCompiler compiler)
    {
        if (criterion.Type is not ("simple" or "jsonpath" or "regex" or "xpath"))
        {
            _diagnostics.Add(
                DiagnosticDescriptors.WrongType,
                criterion.ConditionSpan,
                "type",
                "simple, regex, jsonpath or xpath",
                "'" + criterion.Type + "'");
            return null;
        }

        if (!IsKnownVersion(criterion))
        {
            return null;
        }

        if (criterion.Type == "simple")
        {
            return compiler.CompileSimpleCondition(criterion.Condition, criterion.ConditionSpan);
        }

        if (criterion.Context is null)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.MissingField,
                criterion.ConditionSpan,
                $"A {criterion.Type} criterion",
                "the required field 'context'");
            return null;
        }

        var context = compiler.CompileString(criterion.Context, criterion.ContextSpan);
        if (!context.Ok)
        {
            return null;
        }

        var contextCode = context.AsValueCode();
        switch (criterion.Type)
        {
            case "regex":
                // A whole body is matched as the server sent it: a text body is no JSON value to render.
                var text = context.Whole?.Code == "response.Body"
                    ? ExpressionCompiler.Value + ".From(response.BodyText)"
                    : contextCode;
                return compiler.CompileRegex(criterion.Condition, criterion.ConditionSpan, text);
            case "jsonpath":
                return compiler.CompileJsonPath(criterion.Condition, criterion.ConditionSpan, contextCode);
            default:
                return compiler.CompileXPath(
                    criterion.Condition,
                    criterion.Version,
                    criterion.ConditionSpan,
                    XmlText(context));
        }
    }

    /// <summary>
    /// The XML an XPath criterion reads, as C# code of type string: a whole response body as the server sent it (it
    /// is not JSON, so its parsed value would be unreadable), any other expression or template as text.
    /// </summary>
    private static string XmlText(TemplateResult context) => context.Whole switch
    {
        { Code: "response.Body" } => "response.BodyText",
        { } whole => whole.Code + ".ToText()",
        _ => context.TextCode!,
    };

    /// <summary>Only jsonpath and xpath types may name a version, and it must be one of theirs.</summary>
    private bool IsKnownVersion(Criterion criterion)
    {
        if (criterion.Version is not { } version)
        {
            return true;
        }

        if (!CriterionVersions.TryGetValue(criterion.Type, out var known))
        {
            _diagnostics.Add(
                DiagnosticDescriptors.WrongType,
                criterion.VersionSpan,
                "type",
                $"a plain string for a {criterion.Type} criterion (only jsonpath and xpath have versions)",
                "an object with a version");
            return false;
        }

        if (Array.IndexOf(known, version) >= 0)
        {
            return true;
        }

        _diagnostics.Add(
            DiagnosticDescriptors.WrongType,
            criterion.VersionSpan,
            "version",
            string.Join(" or ", known),
            "'" + version + "'" + Suggestions.DidYouMean(version, known));
        return false;
    }

    /// <summary>Binds a step's actions merged with the workflow's (see <see cref="MergeActions"/>).</summary>
    private List<ActionSpec> BindActions(
        EquatableArray<ActionObject> stepActions,
        EquatableArray<ActionObject> workflowActions,
        List<StepSymbol> all,
        BindingScope scope,
        ExpressionCompiler compiler,
        bool success)
    {
        var current = scope.CurrentStep!;
        var result = new List<ActionSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in MergeActions(stepActions, workflowActions))
        {
            if (!names.Add(action.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateId, action.Span, "Action name", action.Name);
                continue;
            }

            var allowed = success ? new[] { "end", "goto" } : new[] { "end", "goto", "retry" };
            if (!allowed.Contains(action.Type))
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.WrongType,
                    action.Span,
                    "type",
                    string.Join(", ", allowed),
                    "'" + action.Type + "'");
                continue;
            }

            if (action.WorkflowId is not null && action.StepId is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.WrongType, action.TargetSpan, "stepId",
                    $"absent when action '{action.Name}' gives a workflowId (an action goes to a step or runs a "
                    + "workflow, not both)", "present");
                continue;
            }

            if (!BindActionTarget(action, current, all, scope, out var target, out var detour, out var workflow))
            {
                continue;
            }

            var criteria = BindCriteria(action.Criteria, compiler);
            result.Add(new ActionSpec(action.Name, action.Type, criteria.ToEquatableArray(), target,
                action.RetryAfter ?? 0, action.RetryLimit ?? 1, workflow, detour));
        }

        return result;
    }

    private List<WorkflowOutputSpec> BindWorkflowOutputs(
        Workflow workflow,
        BindingScope scope,
        ExpressionCompiler compiler,
        string outputsType)
    {
        var result = new List<WorkflowOutputSpec>();
        var names = ReservedNames(outputsType);
        foreach (var output in workflow.Outputs)
        {
            var compiled = compiler.CompileString(output.Expression, output.Span);
            if (!compiled.Ok)
            {
                continue;
            }

            var property = Unique(CSharp.Pascal(output.Name), output.Name, names, output.Span);
            var secret = Secrets.LooksSecret(output.Name) || Secrets.ReadsSecret(output.Expression, workflow,
                name => _secretInputs.Contains(name) || scope.Inputs.TryGetValue(name, out var input) && input.Secret);
            if (compiled.Whole is not { } whole)
            {
                result.Add(new WorkflowOutputSpec(
                    output.Name, property, "string", compiled.TextCode!, IsText: true, secret));
                continue;
            }

            result.Add(new WorkflowOutputSpec(output.Name, property, whole.Type, whole.Code, IsText: false, secret));
        }

        return result;
    }

    /// <summary>
    /// Makes <paramref name="name"/> unique among <paramref name="taken"/>, warning when it had to change.
    /// </summary>
    private string Unique(string name, string original, Dictionary<string, string> taken, SourceSpan span)
    {
        if (!taken.TryGetValue(name, out var first))
        {
            taken[name] = original;
            return name;
        }

        var suffix = 2;
        string candidate;
        do
        {
            candidate = name + suffix.ToString(CultureInfo.InvariantCulture);
            suffix++;
        }
        while (taken.ContainsKey(candidate));

        taken[candidate] = original;
        _diagnostics.Add(DiagnosticDescriptors.NameCollision, span, first, original, name, candidate);
        return candidate;
    }

    private static string HintName(string fileName)
    {
        var stem = fileName;
        foreach (var extension in new[] { ".yaml", ".yml", ".json" })
        {
            if (stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem.Substring(0, stem.Length - extension.Length);
            }
        }

        var safe = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        return safe + ".g.cs";
    }
}
