using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

public sealed partial class WorkflowRun
{
    /// <summary>
    /// Sends <paramref name="first"/> and follows redirects by <see cref="ArazzoWorkflowOptions.Redirects"/>: only to
    /// the origin the request went to, at most <see cref="ArazzoWorkflowOptions.MaxRedirects"/> times. 303 (and 301 or
    /// 302 after a POST) continue as GET without a body; 307 and 308 repeat the request as it was.
    /// </summary>
    private async ValueTask<HttpResponseMessage> SendFollowingRedirectsAsync(
        StepRequest request,
        Uri baseAddress,
        HttpRequestMessage first,
        CancellationToken token)
    {
        var message = first;
        var response = await SendCheckedAsync(request, message, token).ConfigureAwait(false);
        for (var redirects = 0; ; redirects++)
        {
            var status = (int)response.StatusCode;
            if (_options.Redirects == RedirectPolicy.None
                || status is not (301 or 302 or 303 or 307 or 308)
                || response.Headers.Location is not { } location)
            {
                return response;
            }

            // A Location that resolves to no URI ("//", "///x": no host) is not followed; the step sees the 3xx.
            var from = message.RequestUri!;
            if (!Uri.TryCreate(from, location, out var target))
            {
                return response;
            }

            if (!SameOrigin(from, target))
            {
                WorkflowLog.RedirectNotFollowed(
                    _logger, request.StepId, status, target.IsAbsoluteUri ? target.Host : "?");
                return response;
            }

            if (redirects >= _options.MaxRedirects)
            {
                response.Dispose();
                throw Failure(WorkflowFailureKind.InvalidResponse, request.StepId, status,
                    Invariant($"more than {_options.MaxRedirects} redirects"));
            }

            response.Dispose();

            // The redirected message is built like the first, so headers and cookies are the step's own; its content
            // is a byte array, so leaving it to the collector holds nothing.
            message = request.ToHttpRequestMessage(baseAddress);
            message.RequestUri = target;
            if (status == 303 || (status is 301 or 302 && message.Method == HttpMethod.Post))
            {
                message.Method = message.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
                message.Content = null;
            }

            WorkflowLog.RedirectFollowed(_logger, request.StepId, status, request.PathTemplate);
            response = await SendCheckedAsync(request, message, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one message and refuses a response the client's own handler fetched from another origin (a handler that
    /// follows redirects by itself): that origin is not one the workflow's source names.
    /// </summary>
    private async ValueTask<HttpResponseMessage> SendCheckedAsync(
        StepRequest request,
        HttpRequestMessage message,
        CancellationToken token)
    {
        var sentTo = message.RequestUri!;
        HttpResponseMessage response;
        try
        {
            response = await _httpClient
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRefusedByPipeline(ex))
        {
            throw Failure(WorkflowFailureKind.Transport, request.StepId, null,
                $"a handler of the HttpClient refused the request ({ex.GetType().Name}: {ex.Message})");
        }

        if (response.RequestMessage?.RequestUri is { } answeredBy && !SameOrigin(sentTo, answeredBy))
        {
            response.Dispose();
            throw Failure(WorkflowFailureKind.InvalidResponse, request.StepId, null,
                $"the HttpClient's handler followed a redirect to another origin ({answeredBy.Host}) by itself; "
                + "its response is refused. Give the workflow a client without automatic redirects "
                + "(ArazzoHttp.CreateClient())");
        }

        return response;
    }

    /// <summary>
    /// An exception of the client's pipeline that is neither the transport's own (HttpRequestException, IOException,
    /// cancellation: handled by the caller) nor a programming error: what a resilience handler throws when its circuit
    /// is open, its rate limiter or its total timeout rejects the request. The request got no response.
    /// </summary>
    private static bool IsRefusedByPipeline(Exception exception) => exception is not (
        OperationCanceledException or HttpRequestException or System.IO.IOException or WorkflowFailureException
        or ArgumentException or NullReferenceException or InvalidOperationException or NotSupportedException
        or NotImplementedException or InvalidCastException or IndexOutOfRangeException or OutOfMemoryException);

    private static bool SameOrigin(Uri a, Uri b)
        => a.IsAbsoluteUri && b.IsAbsoluteUri
           && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
           && a.Port == b.Port;
}
