using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Tests.Conformance;

namespace ConformanceServer;

/// <summary>
/// The <c>redocly respect</c> arguments that run a case as the xunit suite runs it: the workflow, its inputs as one
/// JSON object, each source pointed at the server, and the step budget and timeout where the case sets them.
/// </summary>
internal static class RespectArguments
{
    public static IEnumerable<string> For(ConformanceCase @case, Uri server)
    {
        yield return @case.Arazzo;
        yield return "--workflow";
        yield return @case.Workflow;
        if (@case.Inputs.Count > 0)
        {
            yield return "--input";
            yield return JsonSerializer.Serialize(@case.Inputs);
        }

        var address = new Uri(server, @case.Options.BasePath).AbsoluteUri.TrimEnd('/');

        // Respect has no HttpClient.BaseAddress: the "client" cases point their sources at the server as well.
        if (@case.Options.BaseAddress != "openapi" && @case.Sources.Count > 0)
        {
            yield return "--server";
            yield return string.Join(",", @case.Sources.Select(s => s + "=" + address));
        }

        if (@case.Options.StepBudget is { } budget)
        {
            yield return "--max-steps";
            yield return budget.ToString(CultureInfo.InvariantCulture);
        }

        if (@case.Options.TimeoutSeconds is { } timeout)
        {
            yield return "--execution-timeout";
            yield return (timeout * 1000).ToString("0", CultureInfo.InvariantCulture);
        }
    }
}
