namespace ArazzoGen.Runtime;

/// <summary>Which redirects a workflow run follows itself (<see cref="ArazzoWorkflowOptions.Redirects"/>).</summary>
public enum RedirectPolicy
{
    /// <summary>
    /// Follow redirects to the same scheme, host and port, with the step's headers; never send anything to another
    /// origin. A redirect elsewhere is the step's response.
    /// </summary>
    SameOrigin,

    /// <summary>Follow none: every 3xx response is the step's response, for its criteria to judge.</summary>
    None,
}
