using System;
using System.Diagnostics;
using Tags = ArazzoGen.Runtime.ArazzoTelemetry.Tags;

namespace ArazzoGen.Runtime;

// Tracing and metrics of a run. A run is a span ("arazzo.workflow <workflowId>"); each step execution is a span
// beneath it ("arazzo.step <stepId>"), open from the moment the step starts (after any wait) until it has chosen its
// action. Requests and the workflows a step runs go out with the step's span as Activity.Current, so HttpClient's
// own spans and a callee's run span nest under it. Durations in the metrics use the run's TimeProvider; spans keep
// the wall clock of System.Diagnostics, so they line up with the HttpClient spans inside them.
public sealed partial class WorkflowRun
{
    private Activity? _runActivity;
    private Activity? _stepActivity;
    private bool _stepOpen;
    private long _stepStarted;
    private bool _runRecorded;

    private void StartRunTelemetry()
    {
        if (!ArazzoTelemetry.ActivitySource.HasListeners())
        {
            return;
        }

        _runActivity = ArazzoTelemetry.ActivitySource.StartActivity("arazzo.workflow " + _workflowId);
        _runActivity?.SetTag(Tags.WorkflowId, _workflowId);
    }

    private void StartStepTelemetry(int step)
    {
        _stepOpen = true;
        _stepStarted = _options.TimeProvider.GetTimestamp();
        if (!ArazzoTelemetry.ActivitySource.HasListeners())
        {
            return;
        }

        var name = "arazzo.step " + _stepIds[step];
        _stepActivity = _runActivity is { } parent
            ? ArazzoTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal, parent.Context)
            : ArazzoTelemetry.ActivitySource.StartActivity(name);
        if (_stepActivity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(Tags.WorkflowId, _workflowId);
            activity.SetTag(Tags.StepId, _stepIds[step]);
            activity.SetTag(Tags.StepExecution, StepExecutions);
            activity.SetTag(Tags.StepAttempt, _executions[step]);
        }
    }

    /// <summary>Makes the current step's span the parent of what runs next in this async flow.</summary>
    private void EnterStepSpan()
    {
        if ((_stepActivity ?? _runActivity) is { } span)
        {
            Activity.Current = span;
        }
    }

    private void RecordRequest(StepRequest request, int statusCode)
    {
        if (_stepActivity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(Tags.SourceName, request.SourceName);
            activity.SetTag(Tags.RequestMethod, request.Method);
            activity.SetTag(Tags.UrlTemplate, request.PathTemplate);
            activity.SetTag(Tags.StatusCode, statusCode);
        }
    }

    /// <summary>The <c>$statusCode</c> of a step that ran a workflow: the callee's last response.</summary>
    private void RecordStatusCode(int statusCode)
    {
        if (_stepActivity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(Tags.StatusCode, statusCode);
        }
    }

    /// <summary>Closes the current step's span and records its measurements: the step chose what comes next.</summary>
    private void EndStepTelemetry(StepTransitionKind kind, string? action, WorkflowFailure? failure)
    {
        if (!_stepOpen)
        {
            return;
        }

        _stepOpen = false;
        var outcome = Outcome(kind);
        if (ArazzoTelemetry.StepDuration.Enabled || ArazzoTelemetry.StepExecutions.Enabled)
        {
            var tags = new TagList
            {
                { Tags.WorkflowId, _workflowId },
                { Tags.StepId, CurrentStepId },
                { Tags.StepOutcome, outcome },
            };
            if (failure is not null)
            {
                tags.Add(Tags.ErrorType, failure.Kind.ToString());
            }

            ArazzoTelemetry.StepDuration.Record(
                _options.TimeProvider.GetElapsedTime(_stepStarted).TotalSeconds, tags);
            ArazzoTelemetry.StepExecutions.Add(1, tags);
        }

        if (_stepActivity is not { } activity)
        {
            return;
        }

        _stepActivity = null;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(Tags.StepOutcome, outcome);
            if (kind is StepTransitionKind.GoTo or StepTransitionKind.Retry or StepTransitionKind.End
                && action is not null)
            {
                activity.SetTag(Tags.ActionType, outcome);
                activity.SetTag(Tags.ActionName, action);
            }

            if (failure is not null)
            {
                MarkFailed(activity, failure.Kind.ToString(), failure.Kind + " at step " + failure.StepId);
            }
        }

        activity.Stop();
    }

    /// <summary>Closes the run's span and records its duration.</summary>
    private void EndRunTelemetry(string outcome, string? endedBy, WorkflowFailure? failure)
    {
        if (_runRecorded)
        {
            return;
        }

        _runRecorded = true;
        if (ArazzoTelemetry.WorkflowDuration.Enabled)
        {
            var tags = new TagList { { Tags.WorkflowId, _workflowId }, { Tags.WorkflowOutcome, outcome } };
            if (failure is not null)
            {
                tags.Add(Tags.ErrorType, failure.Kind.ToString());
            }

            ArazzoTelemetry.WorkflowDuration.Record(Elapsed.TotalSeconds, tags);
        }

        if (_runActivity is not { } activity)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(Tags.WorkflowOutcome, outcome);
            activity.SetTag(Tags.WorkflowStepExecutions, StepExecutions);
            if (endedBy is not null)
            {
                activity.SetTag(Tags.ActionType, "end");
                activity.SetTag(Tags.ActionName, endedBy);
            }

            if (failure is not null)
            {
                MarkFailed(activity, failure.Kind.ToString(), failure.Kind + " at step " + failure.StepId);
            }
            else if (outcome != "success")
            {
                MarkFailed(activity, outcome, "the run was " + outcome);
            }
        }

        activity.Stop();
    }

    /// <summary>A run left without a result (cancelled, or an exception that is not a workflow failure).</summary>
    private void AbandonTelemetry()
    {
        var outcome = _callerToken.IsCancellationRequested ? "cancelled" : "aborted";
        if (_stepOpen)
        {
            _stepOpen = false;
            if (_stepActivity is { } step)
            {
                _stepActivity = null;
                MarkFailed(step, outcome, "the step was " + outcome);
                step.Stop();
            }
        }

        EndRunTelemetry(outcome, null, null);
    }

    private static void MarkFailed(Activity activity, string errorType, string description)
    {
        activity.SetTag(Tags.ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, description);
    }

    private static string Outcome(StepTransitionKind kind) => kind switch
    {
        StepTransitionKind.Continue => "next",
        StepTransitionKind.GoTo => "goto",
        StepTransitionKind.Retry => "retry",
        StepTransitionKind.End => "end",
        _ => "failure",
    };
}
