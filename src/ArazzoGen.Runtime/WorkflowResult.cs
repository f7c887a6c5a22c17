using System;

namespace ArazzoGen.Runtime;

/// <summary>Why a workflow run failed.</summary>
public enum WorkflowFailureKind
{
    /// <summary>A success criterion did not hold and no failure action handled it.</summary>
    CriterionNotMet,

    /// <summary>A failure action of type <c>end</c> ended the run.</summary>
    EndedByFailureAction,

    /// <summary>Retries were spent and no other failure action matched.</summary>
    RetriesExhausted,

    /// <summary>
    /// The run made as many step executions as <see cref="ArazzoWorkflowOptions.StepBudget"/> allows.
    /// </summary>
    StepBudgetExhausted,

    /// <summary>The run took longer than <see cref="ArazzoWorkflowOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>A request got no response: connection refused or reset, DNS failure, request timeout.</summary>
    Transport,

    /// <summary>The response could not be used: too large, not JSON, or an output of the wrong type.</summary>
    InvalidResponse,

    /// <summary>A request could not be built from the values at hand (a header value with a line break, say).</summary>
    InvalidRequest,

    /// <summary>A workflow this one ran (a sub-workflow step, a goto or retry target) failed.</summary>
    SubWorkflowFailed,

    /// <summary>A workflow named in <c>dependsOn</c> failed, so this one did not start.</summary>
    DependencyFailed,
}

/// <summary>Where and why a run failed.</summary>
public sealed record WorkflowFailure(
    WorkflowFailureKind Kind,
    string StepId,
    int? StatusCode,
    string? Criterion,
    string Message)
{
    /// <summary>
    /// How many times the failing step was executed in this run, the failing execution included (retries and polls
    /// count); 0 when the run failed before any step ran.
    /// </summary>
    public int Attempts { get; init; }

    /// <summary>A one-line description, safe to log: no value of the run's inputs, requests or responses.</summary>
    public override string ToString()
    {
        var attempts = Attempts > 1 ? FormattableString.Invariant($", attempt {Attempts}") : string.Empty;
        return StatusCode is { } status
            ? FormattableString.Invariant($"step {StepId} failed ({Kind}, HTTP {status}{attempts}): {Message}")
            : FormattableString.Invariant($"step {StepId} failed ({Kind}{attempts}): {Message}");
    }
}

/// <summary>
/// The outcome of one run of a generated workflow: it succeeded (and says which action ended it) with typed outputs,
/// or it failed and says where and why. Only cancellation and programming errors throw.
/// </summary>
public sealed record WorkflowResult<TOutputs>
    where TOutputs : class
{
    private WorkflowResult(
        TOutputs? outputs,
        string? endedBy,
        WorkflowFailure? failure,
        int stepExecutions,
        TimeSpan elapsed,
        StepResponse? lastResponse)
    {
        LastResponse = lastResponse;
        Outputs = outputs;
        EndedBy = endedBy;
        Failure = failure;
        StepExecutions = stepExecutions;
        Elapsed = elapsed;
    }

    /// <summary>True when the workflow ended without failing.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The workflow's outputs; set when it succeeded.</summary>
    public TOutputs? Outputs { get; }

    /// <summary>The name of the <c>end</c> action that ended the run, or null when it ran past its last step.</summary>
    public string? EndedBy { get; }

    /// <summary>Where and why the run failed; null when it succeeded.</summary>
    public WorkflowFailure? Failure { get; }

    /// <summary>How many steps were executed, repeats included.</summary>
    public int StepExecutions { get; }

    /// <summary>How long the run took, by the options' <see cref="TimeProvider"/>.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// The last response the run received, if any. A sub-workflow step reads its <c>$statusCode</c> here.
    /// </summary>
    public StepResponse? LastResponse { get; }

    /// <summary>A successful outcome.</summary>
    public static WorkflowResult<TOutputs> Success(
        TOutputs outputs,
        string? endedBy,
        int stepExecutions,
        TimeSpan elapsed,
        StepResponse? lastResponse = null)
        => new(outputs, endedBy, null, stepExecutions, elapsed, lastResponse);

    /// <summary>A failed outcome.</summary>
    public static WorkflowResult<TOutputs> Failed(
        WorkflowFailure failure,
        int stepExecutions,
        TimeSpan elapsed,
        StepResponse? lastResponse = null)
        => new(null, null, failure, stepExecutions, elapsed, lastResponse);

    /// <summary>A one-line summary, safe to log.</summary>
    public override string ToString()
        => Succeeded
            ? $"succeeded{(EndedBy is null ? string.Empty : " (ended by " + EndedBy + ")")}"
              + $" after {StepExecutions} step executions"
            : $"failed after {StepExecutions} step executions: {Failure}";
}
