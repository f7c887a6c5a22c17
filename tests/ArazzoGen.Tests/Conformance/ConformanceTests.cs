using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArazzoGen.Emit;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Support;
using Xunit;
using Xunit.Sdk;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// The conformance suite: one row per folder under <c>Conformance/Cases</c>. Each case's documents go through the
/// real generator and compiler; the generated workflow runs over real HTTP against a scripted local server, on fake
/// time; the exact request trace and the outcome must be what the case says.
/// </summary>
public sealed class ConformanceTests
{
    /// <summary>A hang fails the case instead of the test run: no case needs real time beyond a few requests.</summary>
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in ConformanceCase.Folders(CasesRoot()))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string name)
    {
        var @case = ConformanceCase.Load(Path.Combine(CasesRoot(), name));
        await using var server = await CaseServer.StartAsync(@case.Script, @case.RepeatLast);
        using var generated = GeneratedCase.Build(@case, server.BaseAddress);
        var time = new AutoAdvancingTimeProvider();
        using var http = new HttpClient();
        var options = Options(@case, server.BaseAddress, http, time);
        using var limit = new CancellationTokenSource(RealTimeLimit);

        var result = await generated.RunAsync(@case, http, options, limit.Token);

        var problems = new List<string>();
        problems.AddRange(OutcomeProblems(@case.Outcome, result));
        problems.AddRange(TraceMatcher.Compare(@case.Trace, server.Requests));
        if (@case.Waits is { } waits)
        {
            var waited = time.Waits.Select(w => w.TotalSeconds).ToList();
            if (!waited.SequenceEqual(waits))
            {
                problems.Add($"waited [{Seconds(waited)}] s, expected [{Seconds(waits)}] s");
            }
        }

        if (problems.Count > 0)
        {
            // The generated code beside the test assembly, to read when a case fails.
            var dump = Path.Combine(AppContext.BaseDirectory, "conformance", name + ".g.cs.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(dump)!);
            await File.WriteAllTextAsync(dump, generated.Source);
            throw new XunitException($"{name} ({@case.Section}): {result}{Environment.NewLine}"
                                     + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    private static ArazzoWorkflowOptions Options(
        ConformanceCase @case,
        Uri server,
        HttpClient http,
        TimeProvider time)
    {
        var options = new ArazzoWorkflowOptions { TimeProvider = time };
        var settings = @case.Options;
        var address = new Uri(server, settings.BasePath);
        if (settings.BaseAddress == "options")
        {
            foreach (var source in @case.Sources)
            {
                options.BaseAddresses[source] = address;
            }
        }
        else if (settings.BaseAddress == "client")
        {
            http.BaseAddress = address;
        }

        if (settings.LoopDelaySeconds is { } delay)
        {
            options.LoopDelay = TimeSpan.FromSeconds(delay);
        }

        if (settings.StepBudget is { } budget)
        {
            options.StepBudget = budget;
        }

        if (settings.TimeoutSeconds is { } timeout)
        {
            options.Timeout = TimeSpan.FromSeconds(timeout);
        }

        return options;
    }

    internal static IEnumerable<string> OutcomeProblems(ExpectedOutcome expected, object result)
    {
        var type = result.GetType();
        var succeeded = (bool)type.GetProperty("Succeeded")!.GetValue(result)!;
        if (succeeded != expected.Succeeded)
        {
            yield return expected.Succeeded
                ? "the run failed, expected success"
                : "the run succeeded, expected failure";
            yield break;
        }

        if (!succeeded)
        {
            var failure = (WorkflowFailure)type.GetProperty("Failure")!.GetValue(result)!;
            foreach (var problem in FailureProblems(expected, failure))
            {
                yield return problem;
            }

            yield break;
        }

        var endedBy = (string?)type.GetProperty("EndedBy")!.GetValue(result);
        if (expected.EndedBy is { } wanted && endedBy != wanted.GetString())
        {
            yield return $"ended by '{endedBy}', expected '{wanted.GetString()}'";
        }

        var outputs = type.GetProperty("Outputs")!.GetValue(result)!;
        foreach (var (name, value) in expected.Outputs)
        {
            var property = outputs.GetType().GetProperty(CSharp.Pascal(name));
            if (property is null)
            {
                yield return $"the outputs record has no member for '{name}'";
                continue;
            }

            var actual = JsonSerializer.SerializeToElement(property.GetValue(outputs), property.PropertyType);
            if (!JsonElement.DeepEquals(actual, value))
            {
                yield return $"output {name} is {actual.GetRawText()}, expected {value.GetRawText()}";
            }
        }
    }

    private static IEnumerable<string> FailureProblems(ExpectedOutcome expected, WorkflowFailure failure)
    {
        if (expected.Kind is { } kind && failure.Kind.ToString() != kind)
        {
            yield return $"failure kind {failure.Kind}, expected {kind} ({failure.Message})";
        }

        if (expected.Step is { } step && failure.StepId != step)
        {
            yield return $"failed at step {failure.StepId}, expected {step}";
        }

        if (failure.StatusCode != expected.StatusCode)
        {
            yield return $"failure status {failure.StatusCode}, expected {expected.StatusCode}";
        }

        if (expected.Criterion is { } criterion && failure.Criterion != criterion)
        {
            yield return $"failed criterion '{failure.Criterion}', expected '{criterion}'";
        }
    }

    private static string Seconds(IEnumerable<double> values)
        => string.Join(", ", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));

    private static string CasesRoot([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "Cases");
}
