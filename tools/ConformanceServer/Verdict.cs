using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ArazzoGen.Tests.Conformance;

namespace ConformanceServer;

/// <summary>
/// Judges a Respect run of a case: the outcome Respect's JSON report gives (the workflow's status, and for a failure
/// the step that failed last and its status code) and the trace the server recorded. Respect's report names neither
/// the end action nor the outputs, and Respect waits in real time, so those parts of a case are not compared.
/// </summary>
internal static class Verdict
{
    public static string Judge(ConformanceCase @case, string traceFile, string respectJson)
    {
        var problems = new List<string>();
        problems.AddRange(OutcomeProblems(@case, respectJson));
        if (File.Exists(traceFile))
        {
            var requests = JsonSerializer.Deserialize<List<RecordedRequest>>(File.ReadAllText(traceFile))!
                .Select(r => r with
                {
                    Headers = new Dictionary<string, string>(r.Headers, StringComparer.OrdinalIgnoreCase),
                })
                .ToList();
            problems.AddRange(TraceMatcher.Compare(@case.Trace, requests).Take(3));
        }
        else
        {
            problems.Add("the server wrote no trace");
        }

        var verdict = problems.Count == 0 ? "pass" : "fail";
        var detail = string.Join("; ", problems).Replace('\t', ' ').Replace('\n', ' ');
        return @case.Name + "\t" + verdict + "\t" + detail;
    }

    private static IEnumerable<string> OutcomeProblems(ConformanceCase @case, string respectJson)
    {
        if (!File.Exists(respectJson))
        {
            yield return "Respect wrote no report (it rejected the document or crashed; see respect.log)";
            yield break;
        }

        using var report = JsonDocument.Parse(File.ReadAllText(respectJson));
        var workflow = Workflows(report.RootElement)
            .FirstOrDefault(w => w.TryGetProperty("workflowId", out var id) && id.GetString() == @case.Workflow);
        if (workflow.ValueKind != JsonValueKind.Object)
        {
            yield return $"the report has no run of workflow '{@case.Workflow}'";
            yield break;
        }

        var succeeded = workflow.GetProperty("status").GetString() == "success";
        var expected = @case.Outcome;
        if (succeeded != expected.Succeeded)
        {
            yield return expected.Succeeded
                ? "Respect failed the workflow" + LastError(workflow)
                : "Respect passed the workflow, expected a failure";
            yield break;
        }

        if (!succeeded && LastFailedStep(workflow) is { } step)
        {
            var (stepId, status) = step;
            if (expected.Step is { } wanted && stepId != wanted)
            {
                yield return $"Respect failed at step {stepId}, expected {wanted}";
            }

            if (status != expected.StatusCode)
            {
                yield return $"Respect's failed step got status {status}, expected {expected.StatusCode}";
            }
        }
    }

    private static IEnumerable<JsonElement> Workflows(JsonElement root)
        => root.GetProperty("files").EnumerateObject()
            .SelectMany(f => f.Value.GetProperty("executedWorkflows").EnumerateArray());

    private static (string StepId, int? Status)? LastFailedStep(JsonElement workflow)
    {
        var failed = Steps(workflow).LastOrDefault(s => s.GetProperty("status").GetString() != "success");
        if (failed.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Respect reports a request that got no response (refused before sending, say) as status 0.
        int? status = failed.TryGetProperty("response", out var response)
                      && response.TryGetProperty("statusCode", out var code) && code.GetInt32() != 0
            ? code.GetInt32()
            : null;
        return (failed.GetProperty("stepId").GetString()!, status);
    }

    private static string LastError(JsonElement workflow)
    {
        var failed = Steps(workflow).LastOrDefault(s => s.GetProperty("status").GetString() != "success");
        if (failed.ValueKind != JsonValueKind.Object || !failed.TryGetProperty("checks", out var checks))
        {
            return string.Empty;
        }

        var reasons = checks.EnumerateArray()
            .Where(c => c.TryGetProperty("passed", out var passed) && !passed.GetBoolean())
            .Select(c => c.GetProperty("name").GetString() + (c.TryGetProperty("condition", out var condition)
                ? " " + condition.GetString()
                : string.Empty))
            .Distinct();
        return $" at step {failed.GetProperty("stepId").GetString()} ({string.Join(", ", reasons)})";
    }

    private static IEnumerable<JsonElement> Steps(JsonElement workflow)
        => workflow.TryGetProperty("executedSteps", out var steps)
            ? steps.EnumerateArray().Where(s => s.TryGetProperty("stepId", out _))
            : Enumerable.Empty<JsonElement>();
}
