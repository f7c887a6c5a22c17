using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ArazzoGen.Runtime;
using DustSimulator;

namespace DustRunApp;

/// <summary>
/// Runs the generated <see cref="RunAppAndPollWorkflow"/>: against the real Dust API when DUST_API_KEY is set,
/// otherwise against a Dust-compatible simulator started on 127.0.0.1.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        var apiKey = Environment.GetEnvironmentVariable("DUST_API_KEY");
        await using var simulator = string.IsNullOrWhiteSpace(apiKey) ? await DustApiSimulator.StartAsync() : null;

        var options = new ArazzoWorkflowOptions();
        RunAppAndPollInputs inputs;
        if (simulator is not null)
        {
            Console.WriteLine(
                "DUST_API_KEY is not set (or empty): running against the local Dust simulator at "
                + $"{simulator.BaseAddress}");
            options.BaseAddresses["appsApi"] = simulator.BaseAddress;
            options.LoopDelay = TimeSpan.FromMilliseconds(200);
            inputs = new RunAppAndPollInputs
            {
                ApiToken = simulator.Options.ApiKey,
                WId = simulator.Options.WorkspaceId,
                SpaceId = simulator.Options.SpaceId,
                AId = simulator.Options.AppId,
                SpecificationHash = simulator.Options.SpecificationHash,
                Config = Json("""{"MODEL":{"provider_id":"openai","model_id":"gpt-4o-mini","use_cache":true}}"""),
                Inputs = [Json("""{"question":"What is Arazzo?"}""")],
            };
        }
        else
        {
            Console.WriteLine("Running against the Dust API");
            if (Environment.GetEnvironmentVariable("DUST_BASE_URL") is { Length: > 0 } baseUrl)
            {
                options.BaseAddresses["appsApi"] = new Uri(baseUrl);
            }

            var missing = new[] { "DUST_WORKSPACE_ID", "DUST_SPACE_ID", "DUST_APP_ID", "DUST_SPECIFICATION_HASH" }
                .Where(name => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name))).ToList();
            if (missing.Count > 0)
            {
                Console.Error.WriteLine(
                    $"To call the real Dust API also set {string.Join(", ", missing)} (see README.md).");
                return 2;
            }

            inputs = new RunAppAndPollInputs
            {
                ApiToken = apiKey!,
                WId = Required("DUST_WORKSPACE_ID"),
                SpaceId = Required("DUST_SPACE_ID"),
                AId = Required("DUST_APP_ID"),
                SpecificationHash = Required("DUST_SPECIFICATION_HASH"),
                Config = Json(Environment.GetEnvironmentVariable("DUST_CONFIG") ?? "{}"),
                Inputs = Json(Environment.GetEnvironmentVariable("DUST_INPUTS") ?? "[{}]").EnumerateArray().ToArray(),
            };
        }

        using var httpClient = ArazzoHttp.CreateClient();
        var workflow = new RunAppAndPollWorkflow(httpClient, options, new ConsoleLogger());
        var result = await workflow.RunAsync(inputs);
        if (!result.Succeeded)
        {
            Console.WriteLine($"The workflow failed: {result.Failure}");
            return 1;
        }

        Console.WriteLine(
            $"The workflow ended through '{result.EndedBy}' after {result.StepExecutions} step executions.");
        Console.WriteLine($"  runId:     {result.Outputs!.RunId}");
        Console.WriteLine($"  runStatus: {result.Outputs.RunStatus}");
        Console.WriteLine($"  results:   {(result.Outputs.Results is { } results ? results.GetRawText() : "null")}");
        return result.EndedBy == "succeeded" ? 0 : 2;
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Required(string name) => Environment.GetEnvironmentVariable(name)!;
}
