using System;

namespace ArazzoGen.Runtime;

/// <summary>What a step decided, after its criteria and actions: where the workflow goes next.</summary>
public enum StepTransitionKind
{
    /// <summary>No action matched after success: the next step in the list runs.</summary>
    Continue,

    /// <summary>A <c>goto</c> action chose the next step.</summary>
    GoTo,

    /// <summary>A <c>retry</c> action runs a step again after a delay.</summary>
    Retry,

    /// <summary>An <c>end</c> action, or the end of the step list, ends the workflow successfully.</summary>
    End,

    /// <summary>The workflow fails.</summary>
    Fail,
}

/// <summary>
/// The outcome of one step execution. Generated step methods return these; the run loop follows them.
/// </summary>
public readonly record struct StepTransition(
    StepTransitionKind Kind,
    int Target,
    string? ActionName,
    TimeSpan? Delay,
    WorkflowFailure? Failure,
    int Detour = -1)
{
    /// <summary>Run step <paramref name="target"/>, the next in the list.</summary>
    public static StepTransition Continue(int target) => new(StepTransitionKind.Continue, target, null, null, null);

    /// <summary>Action <paramref name="action"/> goes to step <paramref name="target"/>.</summary>
    public static StepTransition GoTo(int target, string action) => new(
        StepTransitionKind.GoTo,
        target,
        action,
        null,
        null);

    /// <summary>
    /// Action <paramref name="action"/> retries step <paramref name="target"/> after <paramref name="delay"/>.
    /// </summary>
    public static StepTransition Retry(int target, string action, TimeSpan delay)
        => new(StepTransitionKind.Retry, target, action, delay, null);

    /// <summary>
    /// Action <paramref name="action"/> runs step <paramref name="detour"/> after <paramref name="delay"/>, then
    /// retries step <paramref name="target"/>.
    /// </summary>
    public static StepTransition RetryAfterStep(int target, int detour, string action, TimeSpan delay)
        => new(StepTransitionKind.Retry, target, action, delay, null, detour);

    /// <summary>
    /// The workflow ends; <paramref name="action"/> is the <c>end</c> action, or null past the last step.
    /// </summary>
    public static StepTransition End(string? action) => new(StepTransitionKind.End, -1, action, null, null);

    /// <summary>The workflow fails.</summary>
    public static StepTransition Fail(WorkflowFailure failure) => new(StepTransitionKind.Fail, -1, null, null, failure);
}

/// <summary>
/// Carries a failure out of a request or a step to the run loop, which turns it into a failed result.
/// </summary>
public sealed class WorkflowFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFailureException(WorkflowFailure failure)
        : base(failure.ToString())
    {
        Failure = failure;
    }

    /// <summary>The failure to report.</summary>
    public WorkflowFailure Failure { get; }
}
