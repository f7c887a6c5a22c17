using System;
using System.Collections.Generic;

namespace ArazzoGen.Runtime;

/// <summary>How a generated workflow runs. Every member has a default that suits polling a real API.</summary>
public sealed class ArazzoWorkflowOptions
{
    /// <summary>
    /// Base address per source description name. A source not listed here uses <c>HttpClient.BaseAddress</c>,
    /// then the first server of its OpenAPI document.
    /// </summary>
    public IDictionary<string, Uri> BaseAddresses { get; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    private TimeSpan? _loopDelay;

    /// <summary>
    /// How long a <c>goto</c> back to a step that already ran waits first, unless the last response sent a
    /// <c>Retry-After</c> header. Default: the workflow's, which is 1 second unless the project sets
    /// <c>ArazzoGenLoopDelay</c> (or a document's <c>ArazzoLoopDelay</c>); a value set here wins over both.
    /// </summary>
    public TimeSpan LoopDelay
    {
        get => _loopDelay ?? DefaultLoopDelay;
        set => _loopDelay = value;
    }

    /// <summary>The loop delay when neither these options nor the project's build settings give one.</summary>
    public static TimeSpan DefaultLoopDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The loop delay set on these options, or <paramref name="workflowDefault"/> when none was.</summary>
    internal TimeSpan LoopDelayOr(TimeSpan? workflowDefault) => _loopDelay ?? workflowDefault ?? DefaultLoopDelay;

    /// <summary>
    /// The longest wait a server's <c>Retry-After</c> header can impose; a longer one is cut to this, with a warning,
    /// so that no answer can park a run for days. Default: 5 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many step executions one run may make before it fails. Default: 1,000.</summary>
    public int StepBudget { get; set; } = 1000;

    /// <summary>The longest a whole run may take; null for no limit. Default: null.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The longest one request may take, response body included. Default: 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The largest response body read; a larger one fails the step. Default: 16 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How deep workflows may run workflows (sub-workflow steps, dependsOn, goto and retry targets) inside one run;
    /// a workflow that runs itself without end fails here instead of growing forever. Default 16.
    /// </summary>
    public int MaxWorkflowDepth { get; set; } = 16;

    /// <summary>
    /// Which redirects the run follows itself. Default <see cref="RedirectPolicy.SameOrigin"/>: a 301, 302, 303, 307 or
    /// 308 to the same scheme, host and port is followed with the step's headers; one to another origin is not, and
    /// the step's criteria see the 3xx response. Use a client without automatic redirects
    /// (<see cref="ArazzoHttp.CreateClient"/>), or its handler follows them before ArazzoGen can decide.
    /// </summary>
    public RedirectPolicy Redirects { get; set; } = RedirectPolicy.SameOrigin;

    /// <summary>How many same-origin redirects one request may follow; one more fails the step. Default: 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The clock every wait and timeout uses. Tests pass a fake one. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
