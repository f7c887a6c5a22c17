using System.Net.Http;

namespace ArazzoGen.Runtime;

/// <summary>How generated workflows want their HTTP connections set up.</summary>
public static class ArazzoHttp
{
    /// <summary>
    /// The innermost handler of a workflow's client. The generated <c>services.Add…Workflow()</c> registrations
    /// install it through <c>ConfigurePrimaryHttpMessageHandler</c>, so every policy of the runtime about
    /// connections (redirects, for one) is decided here, in one place.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new HttpClientHandler();
}
