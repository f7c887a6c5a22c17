using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

// Every line a run writes, with its event id and level. Templates carry ids, names, the path template and numbers,
// never a concrete URL, a header, a query string or a body: nothing that could hold a secret. docs/telemetry.md
// lists them; keep the two in step.
internal static partial class WorkflowLog
{
    [LoggerMessage(1, LogLevel.Information, "workflow {WorkflowId}: started")]
    public static partial void WorkflowStarted(ILogger logger, string workflowId);

    [LoggerMessage(2, LogLevel.Information,
        "workflow {WorkflowId}: succeeded (ended by {EndAction}) after {StepExecutions} step executions")]
    public static partial void WorkflowEndedByAction(
        ILogger logger, string workflowId, string endAction, int stepExecutions);

    [LoggerMessage(3, LogLevel.Information, "workflow {WorkflowId}: succeeded after {StepExecutions} step executions")]
    public static partial void WorkflowCompleted(ILogger logger, string workflowId, int stepExecutions);

    [LoggerMessage(4, LogLevel.Warning, "workflow {WorkflowId}: {Failure}")]
    public static partial void WorkflowFailed(ILogger logger, string workflowId, WorkflowFailure failure);

    [LoggerMessage(10, LogLevel.Information,
        "step {StepId}: {Method} {PathTemplate} -> {StatusCode} in {ElapsedMs} ms")]
    public static partial void StepResponded(
        ILogger logger, string stepId, string method, string pathTemplate, int statusCode, long elapsedMs);

    [LoggerMessage(11, LogLevel.Information,
        "step {StepId}: {StatusCode}, action {Action} -> goto {Target} (execution {Execution})")]
    public static partial void StepGoTo(
        ILogger logger, string stepId, string statusCode, string? action, string target, int execution);

    [LoggerMessage(12, LogLevel.Information,
        "step {StepId}: {StatusCode}, action {Action} -> goto {Target} "
        + "(execution {Execution}, waiting {DelaySeconds}s)")]
    public static partial void StepGoToAfterDelay(
        ILogger logger, string stepId, string statusCode, string? action, string target, int execution,
        double delaySeconds);

    [LoggerMessage(13, LogLevel.Information,
        "step {StepId}: {StatusCode}, action {Action} -> retry {Target} "
        + "(execution {Execution}, waiting {DelaySeconds}s)")]
    public static partial void StepRetry(
        ILogger logger, string stepId, string statusCode, string? action, string target, int execution,
        double delaySeconds);

    [LoggerMessage(14, LogLevel.Debug, "step {StepId}: {StatusCode}, criteria passed -> next step {Target}")]
    public static partial void StepContinues(ILogger logger, string stepId, string statusCode, string target);

    [LoggerMessage(15, LogLevel.Information, "step {StepId}: runs workflow {Callee}")]
    public static partial void StepRunsWorkflow(ILogger logger, string stepId, string callee);

    [LoggerMessage(16, LogLevel.Warning, "step {StepId}: Retry-After of {Asked} s cut to {Max} s (MaxRetryAfter)")]
    public static partial void RetryAfterCut(ILogger logger, string stepId, long asked, long max);

    [LoggerMessage(17, LogLevel.Warning,
        "step {StepId}: {StatusCode} redirects to another origin ({Host}), which is not followed")]
    public static partial void RedirectNotFollowed(ILogger logger, string stepId, int statusCode, string host);

    // The path template the request was made for, not the Location: a redirect target can carry a token.
    [LoggerMessage(18, LogLevel.Debug,
        "step {StepId}: {StatusCode} for {PathTemplate} redirects on the same origin, followed")]
    public static partial void RedirectFollowed(ILogger logger, string stepId, int statusCode, string pathTemplate);

    [LoggerMessage(20, LogLevel.Debug, "JSONPath criterion {Query} does not hold: {Reason}")]
    public static partial void JsonPathCriterionDoesNotHold(ILogger logger, string query, string reason);

    [LoggerMessage(21, LogLevel.Debug, "XPath criterion {Expression} does not hold: {Reason}")]
    public static partial void XPathCriterionDoesNotHold(ILogger logger, string expression, string reason);
}
