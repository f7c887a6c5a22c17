using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ArazzoGen.Runtime;

/// <summary>
/// The names under which generated workflows trace and measure themselves. Subscribe with
/// <c>AddSource(ArazzoTelemetry.ActivitySourceName)</c> and <c>AddMeter(ArazzoTelemetry.MeterName)</c>; nothing is
/// recorded, and nothing is allocated for it, while nobody listens.
/// </summary>
public static class ArazzoTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: a span per run and per step.</summary>
    public const string ActivitySourceName = "ArazzoGen";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: durations and step counts.</summary>
    public const string MeterName = "ArazzoGen";

    private static readonly string? Version = typeof(ArazzoTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Histogram<double> WorkflowDuration = Meter.CreateHistogram<double>(
        "arazzo.workflow.duration", "s", "How long workflow runs took, from start to their result.");

    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "arazzo.step.duration", "s", "How long step executions took, from their start to the action they took.");

    internal static readonly Counter<long> StepExecutions = Meter.CreateCounter<long>(
        "arazzo.step.executions", "{execution}", "How many times steps ran, first attempts and repeats alike.");

    /// <summary>The attribute (tag) names spans and measurements carry.</summary>
    internal static class Tags
    {
        public const string WorkflowId = "arazzo.workflow.id";
        public const string WorkflowOutcome = "arazzo.workflow.outcome";
        public const string WorkflowStepExecutions = "arazzo.workflow.step_executions";
        public const string StepId = "arazzo.step.id";
        public const string StepExecution = "arazzo.step.execution";
        public const string StepAttempt = "arazzo.step.attempt";
        public const string StepOutcome = "arazzo.step.outcome";
        public const string SourceName = "arazzo.source.name";
        public const string ActionName = "arazzo.action.name";
        public const string ActionType = "arazzo.action.type";
        public const string ErrorType = "error.type";
        public const string RequestMethod = "http.request.method";
        public const string UrlTemplate = "url.template";
        public const string StatusCode = "http.response.status_code";
    }
}
