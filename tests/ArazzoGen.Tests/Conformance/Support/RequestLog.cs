using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// The requests a test server received, as they arrived: the method, the target exactly as sent (escapes kept),
/// the headers and the body. Requests may arrive concurrently.
/// </summary>
public sealed class RequestLog
{
    private readonly List<RecordedRequest> _requests = new();

    /// <summary>What each request asked for, in the order it arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Reads the request in <paramref name="context"/> whole and records it.</summary>
    public async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            headers,
            Encoding.UTF8.GetString(body.ToArray()));
        lock (_requests)
        {
            _requests.Add(request);
        }

        return request;
    }
}
