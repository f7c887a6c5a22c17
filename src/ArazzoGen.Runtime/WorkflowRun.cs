using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArazzoGen.Runtime;

/// <summary>
/// The state of one run of a generated workflow that is not the workflow's own data: the HTTP client, the clock,
/// the step budget, loop delays, retries and the log. Generated code decides the control flow; this class carries
/// it out and keeps the books.
/// </summary>
public sealed partial class WorkflowRun : IDisposable
{
    private readonly string _workflowId;
    private readonly IReadOnlyList<string> _stepIds;
    private readonly HttpClient _httpClient;
    private readonly ArazzoWorkflowOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource? _linked;

    // The request timeout, one for the run: reset and armed before each request, re-made only after it fired.
    private CancellationTokenSource? _requestTimeout;
    private CancellationTokenRegistration _requestTimeoutLink;
    private readonly long _started;

    // Executions per step, indexed as the step ids; the retries per action are counted once a retry action matches.
    private readonly int[] _executions;
    private Dictionary<string, long>? _retries;
    private int _current = -1;

    // The retry action (its TryRetry key) that matched in this step execution but had no retries left.
    private string? _spentRetry;

    private StepResponse? _lastResponse;

    // The request sent before, whose URI the next one takes when it is the same (a poll).
    private StepRequest? _lastRequest;

    /// <summary>Starts a run.</summary>
    /// <param name="workflowId">The workflow's id, for logs.</param>
    /// <param name="stepIds">The workflow's step ids, indexed as the generated step enumeration.</param>
    /// <param name="httpClient">The client every request goes through.</param>
    /// <param name="options">Limits, delays and base addresses; null for the defaults.</param>
    /// <param name="logger">Where the run reports what it does; null for nowhere.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public WorkflowRun(
        string workflowId,
        IReadOnlyList<string> stepIds,
        HttpClient httpClient,
        ArazzoWorkflowOptions? options,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        _workflowId = workflowId;
        _stepIds = stepIds;
        _executions = new int[stepIds.Count];
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _options = options ?? new ArazzoWorkflowOptions();
        _logger = logger ?? NullLogger.Instance;
        _callerToken = cancellationToken;
        _started = _options.TimeProvider.GetTimestamp();
        if (_options.Timeout is { } timeout)
        {
            _timeout = new CancellationTokenSource(timeout, _options.TimeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
        }

        CancellationToken = _linked?.Token ?? cancellationToken;
        StartRunTelemetry();
        WorkflowLog.WorkflowStarted(_logger, _workflowId);
    }

    /// <summary>
    /// The workflow's loop delay from the project's build settings, used when the options set none; null for
    /// <see cref="ArazzoWorkflowOptions.DefaultLoopDelay"/>.
    /// </summary>
    public TimeSpan? DefaultLoopDelay { get; set; }

    /// <summary>Cancelled when the caller cancels or the run's timeout passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>How many steps have been executed so far, repeats included.</summary>
    public int StepExecutions { get; private set; }

    private string CurrentStepId => _current >= 0 ? _stepIds[_current] : "(none)";

    /// <summary>
    /// Called before each step: checks the step budget and waits where the previous transition asks for it
    /// (a <c>goto</c> back to a step that already ran waits the loop delay; a retry waits its delay).
    /// </summary>
    /// <exception cref="WorkflowFailureException">The step budget is spent.</exception>
    public async Task BeforeStepAsync(int step, StepTransition how)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var delay = TimeSpan.Zero;
        if (how.Kind == StepTransitionKind.Retry)
        {
            delay = how.Delay ?? TimeSpan.Zero;
        }
        else if (how.Kind == StepTransitionKind.GoTo && _executions[step] > 0)
        {
            delay = _lastResponse?.RetryAfter ?? _options.LoopDelayOr(DefaultLoopDelay);
        }

        if (_lastResponse?.RetryAfter is { } asked && delay == asked && asked > _options.MaxRetryAfter)
        {
            WorkflowLog.RetryAfterCut(
                _logger, CurrentStepId, (long)asked.TotalSeconds, (long)_options.MaxRetryAfter.TotalSeconds);
            delay = _options.MaxRetryAfter;
        }

        if (_current >= 0)
        {
            EndStepTelemetry(how.Kind, how.ActionName, null);
            LogTransition(step, how, delay);
        }

        if (StepExecutions >= _options.StepBudget)
        {
            throw new WorkflowFailureException(new WorkflowFailure(
                WorkflowFailureKind.StepBudgetExhausted,
                _stepIds[step],
                _lastResponse?.StatusCode,
                null,
                Invariant($"the step budget of {_options.StepBudget} step executions is spent")));
        }

        await WaitAsync(delay).ConfigureAwait(false);

        _current = step;
        _spentRetry = null;
        _executions[step]++;
        StepExecutions++;
        StartStepTelemetry(step);
    }

    /// <summary>
    /// Sends a step's request and reads the whole response, within the request timeout and size limit.
    /// </summary>
    /// <remarks>
    /// A ValueTask: a request answered at once (a handler in process, a cache) costs no Task. Await it once.
    /// </remarks>
    /// <exception cref="WorkflowFailureException">
    /// No usable response: transport error, timeout, body too large.
    /// </exception>
    public async ValueTask<StepResponse> SendAsync(StepRequest request)
    {
        var baseAddress = ResolveBaseAddress(request);
        using var message = request.ToHttpRequestMessage(baseAddress, _lastRequest);
        _lastRequest = request;
        var requestTimeout = ArmRequestTimeout();

        // The clock is read for the log line only, when it is written.
        var logged = _logger.IsEnabled(LogLevel.Information);
        var started = logged ? _options.TimeProvider.GetTimestamp() : 0;
        EnterStepSpan();
        try
        {
            // The private helpers return ValueTask: a handler that answers at once (in process, from a cache) then
            // costs no Task per helper and request.
            using var response = await SendFollowingRedirectsAsync(request, baseAddress, message, requestTimeout.Token)
                .ConfigureAwait(false);
            var body = await ReadDecodedBodyAsync(request, response, requestTimeout.Token).ConfigureAwait(false);
            var result = new StepResponse(
                response.RequestMessage?.Method.Method ?? request.Method,
                response.RequestMessage?.RequestUri ?? message.RequestUri!,
                (int)response.StatusCode,
                response.Headers,
                response.Content.Headers,
                body,
                StepResponse.ParseRetryAfter(response.Headers.RetryAfter, _options.TimeProvider));
            _lastResponse = result;
            RecordRequest(request, result.StatusCode);
            if (logged)
            {
                WorkflowLog.StepResponded(_logger, request.StepId, request.Method, request.PathTemplate,
                    result.StatusCode, (long)_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
            }
            return result;
        }
        catch (OperationCanceledException) when (!CancellationToken.IsCancellationRequested)
        {
            // Neither the caller nor the run's timeout: the request timeout, or the HttpClient's own Timeout.
            throw Failure(WorkflowFailureKind.Transport, request.StepId, null, requestTimeout.IsCancellationRequested
                ? Invariant($"no response within the request timeout of {_options.RequestTimeout.TotalSeconds} s")
                : Invariant($"the HttpClient gave up on the request (its Timeout is {_httpClient.Timeout})"));
        }
        catch (HttpRequestException ex)
        {
            throw Failure(WorkflowFailureKind.Transport, request.StepId, null, "the request failed: " + ex.Message);
        }
        catch (IOException ex)
        {
            throw Failure(
                WorkflowFailureKind.Transport,
                request.StepId,
                null,
                "the response was cut off: " + ex.Message);
        }
        finally
        {
            requestTimeout.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The run's request-timeout source, reset and armed for one request. It is cancelled by the run's own token
    /// too, so one token serves the request; a new one is made only after a timeout fired (two sources and a link
    /// per request were a good part of what a step allocated).
    /// </summary>
    private CancellationTokenSource ArmRequestTimeout()
    {
        if (_requestTimeout is null || !_requestTimeout.TryReset())
        {
            _requestTimeoutLink.Dispose();
            _requestTimeout?.Dispose();
            _requestTimeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _options.TimeProvider);
            _requestTimeoutLink = CancellationToken.UnsafeRegister(
                static source => ((CancellationTokenSource)source!).Cancel(), _requestTimeout);
        }

        _requestTimeout.CancelAfter(_options.RequestTimeout);
        return _requestTimeout;
    }

    /// <summary>
    /// Counts one retry of action <paramref name="actionKey"/>; false once <paramref name="limit"/> retries were made.
    /// </summary>
    public bool TryRetry(string actionKey, long limit)
    {
        _retries ??= new(StringComparer.Ordinal);
        _retries.TryGetValue(actionKey, out var used);
        if (used >= limit)
        {
            _spentRetry = actionKey;
            return false;
        }

        _retries[actionKey] = used + 1;
        return true;
    }

    /// <summary>
    /// A retry's delay: the response's <c>Retry-After</c> when it sent one, else the action's <c>retryAfter</c>.
    /// </summary>
    public static TimeSpan RetryDelay(StepResponse response, double retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(response);

        // Whatever number the document gives: NaN and negatives wait nothing, more than a TimeSpan holds waits its
        // longest (a run's Timeout still ends it).
        return response.RetryAfter ?? (double.IsNaN(retryAfterSeconds) || retryAfterSeconds <= 0
            ? TimeSpan.Zero
            : retryAfterSeconds >= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.MaxValue
            : TimeSpan.FromSeconds(retryAfterSeconds));
    }

    /// <summary>
    /// The failure of a success criterion that no failure action handled:
    /// <see cref="WorkflowFailureKind.RetriesExhausted"/> when a retry action of this step matched but its limit was
    /// spent, else
    /// <see cref="WorkflowFailureKind.CriterionNotMet"/>. When the criteria read a body that is not JSON or is empty
    /// (<paramref name="unusableBody"/>, from <see cref="StepResponse.UnusableBody"/>), the failure is
    /// <see cref="WorkflowFailureKind.InvalidResponse"/> and says so.
    /// </summary>
    public WorkflowFailure CriterionNotMet(StepResponse response, string criterion, string? unusableBody = null)
        => unusableBody is { } unusable
            ? new(WorkflowFailureKind.InvalidResponse, CurrentStepId, response.StatusCode, criterion,
                $"success criterion '{criterion}' could not be checked: {unusable}")
            : _spentRetry is { } spent
            ? new(WorkflowFailureKind.RetriesExhausted, CurrentStepId, response.StatusCode, criterion,
                $"success criterion '{criterion}' did not hold and the retries of action "
                + $"'{spent.Substring(spent.IndexOf('/') + 1)}' are spent")
            : new(WorkflowFailureKind.CriterionNotMet, CurrentStepId, response.StatusCode, criterion,
                $"success criterion '{criterion}' did not hold");

    /// <summary>The failure when an <c>end</c> failure action ends the run.</summary>
    public WorkflowFailure EndedByFailureAction(StepResponse response, string criterion, string action)
        => new(WorkflowFailureKind.EndedByFailureAction, CurrentStepId, response.StatusCode, criterion,
            $"success criterion '{criterion}' did not hold and failure action '{action}' ended the workflow");

    /// <summary>A successful result with the workflow's outputs.</summary>
    public WorkflowResult<TOutputs> Succeeded<TOutputs>(TOutputs outputs, string? endedBy)
        where TOutputs : class
    {
        EndStepTelemetry(StepTransitionKind.End, endedBy, null);
        EndRunTelemetry("success", endedBy, null);
        if (endedBy is null)
        {
            WorkflowLog.WorkflowCompleted(_logger, _workflowId, StepExecutions);
        }
        else
        {
            WorkflowLog.WorkflowEndedByAction(_logger, _workflowId, endedBy, StepExecutions);
        }

        return WorkflowResult<TOutputs>.Success(outputs, endedBy, StepExecutions, Elapsed, _lastResponse);
    }

    /// <summary>A failed result.</summary>
    public WorkflowResult<TOutputs> Failed<TOutputs>(WorkflowFailure failure)
        where TOutputs : class
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Attempts == 0 && _current >= 0)
        {
            failure = failure with { Attempts = _executions[_current] };
        }

        EndStepTelemetry(StepTransitionKind.Fail, null, failure);
        EndRunTelemetry("failure", null, failure);
        WorkflowLog.WorkflowFailed(_logger, _workflowId, failure);
        return WorkflowResult<TOutputs>.Failed(failure, StepExecutions, Elapsed, _lastResponse);
    }

    /// <summary>
    /// True for the exceptions that end a run with a failed result rather than escaping to the caller.
    /// </summary>
    public bool IsWorkflowFailure(Exception exception) => exception switch
    {
        WorkflowFailureException or ArazzoValueException => true,
        OperationCanceledException =>
            _timeout?.IsCancellationRequested == true && !_callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The failed result for an exception that <see cref="IsWorkflowFailure"/> accepted.</summary>
    public WorkflowResult<TOutputs> Failed<TOutputs>(Exception exception)
        where TOutputs : class
    {
        var failure = exception switch
        {
            WorkflowFailureException wf => wf.Failure,
            ArazzoValueException value => new WorkflowFailure(WorkflowFailureKind.InvalidResponse, CurrentStepId,
                _lastResponse?.StatusCode, null, value.Message),
            _ => new WorkflowFailure(WorkflowFailureKind.Timeout, CurrentStepId, _lastResponse?.StatusCode, null,
                Invariant($"the run took longer than its timeout of {_options.Timeout?.TotalSeconds} s")),
        };
        return Failed<TOutputs>(failure);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        AbandonTelemetry();
        _requestTimeoutLink.Dispose();
        _requestTimeout?.Dispose();
        _linked?.Dispose();
        _timeout?.Dispose();
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on the options' clock. A timer waits at most about 49 days, so a longer wait (a
    /// <c>Retry-After</c> when <see cref="ArazzoWorkflowOptions.MaxRetryAfter"/> allows it, a document's
    /// <c>retryAfter</c>) is waited in parts rather than refused.
    /// </summary>
    private async Task WaitAsync(TimeSpan delay)
    {
        var longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        while (delay > TimeSpan.Zero)
        {
            var part = delay < longest ? delay : longest;
            await Task.Delay(part, _options.TimeProvider, CancellationToken).ConfigureAwait(false);
            delay -= part;
        }
    }

    private TimeSpan Elapsed => _options.TimeProvider.GetElapsedTime(_started);

    private Uri ResolveBaseAddress(StepRequest request)
    {
        if (_options.BaseAddresses.TryGetValue(request.SourceName, out var configured))
        {
            return configured;
        }

        if (_httpClient.BaseAddress is { } clientBase)
        {
            return clientBase;
        }

        if (request.DefaultServer is { } server && Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            return serverUri;
        }

        throw Failure(WorkflowFailureKind.InvalidRequest, request.StepId, null,
            $"source '{request.SourceName}' has no base address: "
            + "set it in ArazzoWorkflowOptions.BaseAddresses or on the HttpClient");
    }

    /// <summary>
    /// <see cref="ReadBodyAsync"/>, where a client that decompresses (<c>AutomaticDecompression</c>) meets a body
    /// that is not what its <c>Content-Encoding</c> says: the decoders throw InvalidDataException (gzip, deflate) or
    /// InvalidOperationException (br), which are the response's fault, not the program's.
    /// </summary>
    private async ValueTask<byte[]> ReadDecodedBodyAsync(
        StepRequest request,
        HttpResponseMessage response,
        CancellationToken token)
    {
        try
        {
            return await ReadBodyAsync(request, response, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Failure(WorkflowFailureKind.InvalidResponse, request.StepId, (int)response.StatusCode,
                "the response body could not be decoded: it is not what its Content-Encoding says");
        }
    }

    private async ValueTask<byte[]> ReadBodyAsync(
        StepRequest request,
        HttpResponseMessage response,
        CancellationToken token)
    {
        // A response to HEAD, a 204 and a 304 have no body whatever their Content-Length says (RFC 9110 6.4.1): the
        // length is that of the resource, and reading it would wait for bytes that never come.
        if (response.RequestMessage?.Method == HttpMethod.Head
            || response.StatusCode is System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.NotModified)
        {
            return Array.Empty<byte>();
        }

        // A body is kept in one array, so no limit goes beyond what an array holds.
        var limit = Math.Min(_options.MaxResponseBytes, Array.MaxLength);
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw Failure(WorkflowFailureKind.InvalidResponse, request.StepId, (int)response.StatusCode,
                Invariant($"the response body of {length} bytes is over the limit of {limit}"));
        }

        using var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } declared)
        {
            // The length is known and within the limit: read into an array of exactly that size. A body that ends
            // early throws EndOfStreamException, a cut-off response.
            var exact = declared == 0 ? Array.Empty<byte>() : new byte[declared];
            await stream.ReadExactlyAsync(exact, token).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw Failure(WorkflowFailureKind.InvalidResponse, request.StepId, (int)response.StatusCode,
                        $"the response body is over the limit of {limit.ToString(CultureInfo.InvariantCulture)} bytes");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private void LogTransition(int step, StepTransition how, TimeSpan delay)
    {
        var level = how.Kind is StepTransitionKind.GoTo or StepTransitionKind.Retry
            ? LogLevel.Information
            : LogLevel.Debug;
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var from = CurrentStepId;
        var to = _stepIds[step];
        var status = _lastResponse?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "-";
        var execution = StepExecutions + 1;
        switch (how.Kind)
        {
            case StepTransitionKind.GoTo when delay > TimeSpan.Zero:
                WorkflowLog.StepGoToAfterDelay(_logger, from, status, how.ActionName, to, execution, Seconds(delay));
                break;
            case StepTransitionKind.GoTo:
                WorkflowLog.StepGoTo(_logger, from, status, how.ActionName, to, execution);
                break;
            case StepTransitionKind.Retry:
                WorkflowLog.StepRetry(_logger, from, status, how.ActionName, to, execution, Seconds(delay));
                break;
            default:
                WorkflowLog.StepContinues(_logger, from, status, to);
                break;
        }
    }

    private static double Seconds(TimeSpan delay) => Math.Round(delay.TotalSeconds, 3);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static WorkflowFailureException Failure(
        WorkflowFailureKind kind,
        string stepId,
        int? status,
        string message)
        => new(new WorkflowFailure(kind, stepId, status, null, message));
}
