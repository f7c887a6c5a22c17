using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using ArazzoGen.Tests.Conformance;

namespace ConformanceServer;

/// <summary>Serves one case until asked to stop, then writes the trace.</summary>
internal static class Serving
{
    public static async Task RunAsync(ConformanceCase @case, string traceFile)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var server = await CaseServer.StartAsync(@case.Script, @case.RepeatLast).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine(server.BaseAddress.AbsoluteUri);
            Console.Out.Flush();

            // The end of standard input also stops the server, so a caller that dies does not leave it behind.
            var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
            await Task.WhenAny(stop.Task, stdinClosed).ConfigureAwait(false);
            await File.WriteAllTextAsync(traceFile, JsonSerializer.Serialize(server.Requests)).ConfigureAwait(false);
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
