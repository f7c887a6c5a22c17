using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
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
    private readonly DiagnosticBag _diagnostics = new();
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

    private WorkflowBinder(ArazzoDocument document, IReadOnlyList<OpenApiIndex> indexes)
    {
        _document = document;
        _indexes = indexes;
    }

    public static DocumentSpec Bind(
        ArazzoDocument document,
        EquatableArray<OpenApiIndex> indexes,
        string rootNamespace,
        CancellationToken cancellationToken)
        => new WorkflowBinder(document, indexes.ToList()).BindDocument(rootNamespace, cancellationToken);

    private DocumentSpec BindDocument(string rootNamespace, CancellationToken cancellationToken)
    {
        var fileName = PathUtil.FileName(_document.Path);
        var hint = HintName(fileName);
        if (!_document.Version.StartsWith("1.0.", StringComparison.Ordinal))
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
        var workflows = new List<WorkflowSpec>();
        var classNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in _document.Workflows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seenIds.Add(workflow.WorkflowId))
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.DuplicateId,
                    workflow.IdSpan,
                    "Workflow id",
                    workflow.WorkflowId);
                continue;
            }

            // A workflow whose text already has errors is not bound: its follow-on errors would only add noise.
            if (workflow.HasReadErrors)
            {
                continue;
            }

            var mark = _diagnostics.Mark();
            var spec = BindWorkflow(workflow);
            if (spec is null || _diagnostics.HasErrorsSince(mark))
            {
                continue;
            }

            var className = Unique(spec.ClassName, workflow.WorkflowId, classNames, workflow.IdSpan);
            workflows.Add(className == spec.ClassName
                ? spec
                : spec with
                {
                    ClassName = className,
                    InputsType = className.Substring(0, className.Length - "Workflow".Length) + "Inputs",
                    OutputsType = className.Substring(0, className.Length - "Workflow".Length) + "Outputs",
                });
        }

        return Result(hint, rootNamespace, fileName, workflows);
    }

    private DocumentSpec Result(string hint, string ns, string fileName, IEnumerable<WorkflowSpec> workflows)
        => new(hint, ns, fileName, workflows.ToEquatableArray(), _diagnostics.ToArray());

    private WorkflowSpec? BindWorkflow(Workflow workflow)
    {
        var scope = new BindingScope(workflow, _document, _diagnostics);
        var compiler = new ExpressionCompiler(scope);
        var baseName = CSharp.Pascal(workflow.WorkflowId);
        var className = baseName + "Workflow";
        var inputsType = baseName + "Inputs";
        var outputsType = baseName + "Outputs";

        if (workflow.DependsOn.Count > 0)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.NotSupportedYet,
                workflow.IdSpan,
                "'dependsOn'",
                $"workflow '{workflow.WorkflowId}'");
        }

        var inputs = BindInputs(workflow, inputsType);
        foreach (var input in inputs)
        {
            scope.Inputs[input.Name] = input;
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
                _diagnostics.Add(DiagnosticDescriptors.DuplicateId, step.IdSpan, "Step id", step.StepId);
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
        if (symbols.Any(s => s.Operation is null))
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

        var outputs = BindWorkflowOutputs(workflow, scope, compiler, outputsType);
        return new WorkflowSpec(
            workflow.WorkflowId,
            className,
            inputsType,
            outputsType,
            workflow.Summary,
            workflow.Description,
            inputs.ToEquatableArray(),
            outputs.ToEquatableArray(),
            steps.ToEquatableArray(),
            scope.Patterns.ToEquatableArray());
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
                property.Schema.Format == "password"));
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
        if (operation is null)
        {
            return null;
        }

        scope.CurrentStep = symbol;
        scope.ResponseAvailable = false;
        var request = BindRequest(symbol, scope.Workflow, compiler);

        scope.ResponseAvailable = true;
        var criteria = BindCriteria(step.SuccessCriteria, compiler);
        if (step.SuccessCriteria.Count == 0)
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
            operation.Summary,
            symbol.SourceName!,
            operation.Method,
            operation.PathTemplate,
            symbol.DefaultServer,
            request.ToEquatableArray(),
            criteria.ToEquatableArray(),
            onSuccess.ToEquatableArray(),
            onFailure.ToEquatableArray(),
            outputs.ToEquatableArray(),
            symbol.Index + 1 < all.Count ? symbol.Index + 1 : -1);
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

    private string? CompileCriterion(Criterion criterion, ExpressionCompiler compiler)
    {
        if (criterion.Type == "simple")
        {
            return compiler.CompileSimpleCondition(criterion.Condition, criterion.ConditionSpan);
        }

        if (criterion.Type is not ("jsonpath" or "regex" or "xpath"))
        {
            _diagnostics.Add(
                DiagnosticDescriptors.WrongType,
                criterion.ConditionSpan,
                "type",
                "simple, regex, jsonpath or xpath",
                "'" + criterion.Type + "'");
            return null;
        }

        if (criterion.Context is null)
        {
            _diagnostics.Add(
                DiagnosticDescriptors.MissingField,
                criterion.ConditionSpan,
                $"A {criterion.Type} criterion",
                "context");
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
                return compiler.CompileRegex(criterion.Condition, criterion.ConditionSpan, contextCode);
            case "jsonpath":
                return compiler.CompileJsonPath(criterion.Condition, criterion.ConditionSpan, contextCode);
            default:
                _diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, criterion.ConditionSpan, "An xpath criterion",
                    $"condition '{criterion.Condition}'");
                return null;
        }
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

            if (action.WorkflowId is not null)
            {
                _diagnostics.Add(
                    DiagnosticDescriptors.NotSupportedYet,
                    action.TargetSpan,
                    $"Action '{action.Name}' naming a workflow",
                    $"step '{current.Step.StepId}'");
                continue;
            }

            var target = -1;
            if (action.Type == "goto")
            {
                if (action.StepId is null)
                {
                    _diagnostics.Add(
                        DiagnosticDescriptors.MissingField,
                        action.Span,
                        $"Action '{action.Name}'",
                        "stepId");
                    continue;
                }

                target = all.FindIndex(s => s.Step.StepId == action.StepId);
                if (target < 0)
                {
                    _diagnostics.Add(
                        DiagnosticDescriptors.UnknownStepTarget,
                        action.TargetSpan,
                        action.Name,
                        action.StepId,
                        scope.Workflow.WorkflowId, Suggestions.DidYouMean(
                            action.StepId,
                            all.Select(s => s.Step.StepId)));
                    continue;
                }
            }
            else if (action.Type == "retry")
            {
                if (action.StepId is not null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.NotSupportedYet, action.TargetSpan,
                        $"Retry action '{action.Name}' that first runs another step", $"step '{current.Step.StepId}'");
                    continue;
                }

                target = current.Index;
            }

            var criteria = BindCriteria(action.Criteria, compiler);
            result.Add(new ActionSpec(action.Name, action.Type, criteria.ToEquatableArray(), target,
                action.RetryAfter ?? 0, action.RetryLimit ?? 1));
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
            if (compiled.Whole is not { } whole)
            {
                result.Add(new WorkflowOutputSpec(output.Name, property, "string", compiled.TextCode!, IsText: true));
                continue;
            }

            result.Add(new WorkflowOutputSpec(output.Name, property, whole.Type, whole.Code, IsText: false));
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
