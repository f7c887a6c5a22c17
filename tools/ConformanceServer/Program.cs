using System;
using System.IO;
using System.Threading.Tasks;
using ArazzoGen.Tests.Conformance;

namespace ConformanceServer;

/// <summary>
/// <c>serve CASE TRACE</c>: serves the case's script on 127.0.0.1 (a free port), prints the address on the first
/// line, and on SIGTERM, Ctrl+C or the end of standard input writes the requests it received to TRACE.
/// <c>args CASE URL</c>: the arguments for <c>redocly respect</c>, one per line.
/// <c>verdict CASE TRACE RESPECT_JSON</c>: one tab-separated line: case, pass or fail, and what differed.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "serve")
        {
            await Serving.RunAsync(ConformanceCase.Load(args[1]), args[2]).ConfigureAwait(false);
            return 0;
        }

        if (args.Length == 3 && args[0] == "args")
        {
            foreach (var argument in RespectArguments.For(ConformanceCase.Load(args[1]), new Uri(args[2])))
            {
                Console.WriteLine(argument);
            }

            return 0;
        }

        if (args.Length == 4 && args[0] == "verdict")
        {
            Console.WriteLine(Verdict.Judge(ConformanceCase.Load(args[1]), args[2], args[3]));
            return 0;
        }

        await Console.Error.WriteLineAsync(
            "usage: ConformanceServer serve CASE_DIR TRACE_FILE | args CASE_DIR URL"
            + " | verdict CASE_DIR TRACE_FILE RESPECT_JSON").ConfigureAwait(false);
        return 2;
    }
}
