using System;
using System.Threading;
using System.Threading.Tasks;

namespace ArazzoGen.Runtime;

// One workflow running another: a sub-workflow step, a dependsOn entry, a goto or retry that names a workflow.
// The callee is a generated workflow class of its own with its own run (and its own step budget); it shares this
// run's cancellation, so the caller's timeout and token stop it too.
public sealed partial class WorkflowRun
{
    // How many workflow calls enclose the current one; it flows into the callee and is restored on return.
    private static readonly AsyncLocal<int> CallDepth = new();

    /// <summary>
    /// Runs another workflow on behalf of the current step (or, before the first step, of dependsOn).
    /// </summary>
    /// <param name="workflowId">The workflow being run, for logs.</param>
    /// <param name="run">Starts the callee with the token it must honour.</param>
    public async Task<WorkflowResult<TOutputs>> CallWorkflowAsync<TOutputs>(
        string workflowId,
        Func<CancellationToken, Task<WorkflowResult<TOutputs>>> run)
        where TOutputs : class
    {
        ArgumentNullException.ThrowIfNull(run);
        CancellationToken.ThrowIfCancellationRequested();
        var depth = CallDepth.Value;
        if (depth >= _options.MaxWorkflowDepth)
        {
            throw new WorkflowFailureException(new WorkflowFailure(WorkflowFailureKind.SubWorkflowFailed,
                CurrentStepId, _lastResponse?.StatusCode, null,
                Invariant($"workflow '{workflowId}' would run {depth + 1} workflows deep, more than the limit of ")
                + Invariant($"{_options.MaxWorkflowDepth} (MaxWorkflowDepth)")));
        }

        WorkflowLog.StepRunsWorkflow(_logger, CurrentStepId, workflowId);
        CallDepth.Value = depth + 1;
        EnterStepSpan();
        var result = await run(CancellationToken).ConfigureAwait(false);
        if (result.LastResponse is { } last)
        {
            _lastResponse = last;
            RecordStatusCode(last.StatusCode);
        }

        return result;
    }

    /// <summary>The failure when a workflow the current step ran failed and no failure action handled it.</summary>
    public WorkflowFailure SubWorkflowFailed(string workflowId, WorkflowFailure inner)
        => new(WorkflowFailureKind.SubWorkflowFailed, CurrentStepId, inner.StatusCode, null,
            $"workflow '{workflowId}' failed: {inner}");

    /// <summary>The failure when a workflow named in <c>dependsOn</c> failed.</summary>
    public WorkflowFailure DependencyFailed(string workflowId, WorkflowFailure inner)
        => new(WorkflowFailureKind.DependencyFailed, "(dependsOn)", inner.StatusCode, null,
            $"workflow '{workflowId}' in dependsOn failed: {inner}");

    /// <summary>
    /// A value for a required input of another workflow; a missing one fails the run rather than passing null.
    /// </summary>
    /// <exception cref="WorkflowFailureException">The value is null.</exception>
    public T RequireInput<T>(T? value, string workflowId, string input)
        where T : class
        => value ?? throw MissingInput(workflowId, input);

    /// <inheritdoc cref="RequireInput{T}(T, string, string)"/>
    public T RequireInput<T>(T? value, string workflowId, string input)
        where T : struct
        => value ?? throw MissingInput(workflowId, input);

    /// <summary>
    /// A value converted to the C# type of another workflow's input; a value of the wrong JSON type fails the run as
    /// an invalid request (the value handed over is wrong, not a response).
    /// </summary>
    /// <exception cref="WorkflowFailureException">The value has another JSON type than the input.</exception>
    public T Input<T>(ArazzoValue value, string workflowId, string input, Func<ArazzoValue, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        try
        {
            return convert(value);
        }
        catch (ArazzoValueException ex)
        {
            throw new WorkflowFailureException(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, CurrentStepId,
                null, null, $"input '{input}' of workflow '{workflowId}': {ex.Message}"));
        }
    }

    private WorkflowFailureException MissingInput(string workflowId, string input)
        => new(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, CurrentStepId, _lastResponse?.StatusCode, null,
            $"required input '{input}' of workflow '{workflowId}' has no value"));
}
