using System;

namespace ArazzoGen.Cli;

/// <summary>The <c>arazzogen</c> tool's entry point.</summary>
internal static class Program
{
    public static int Main(string[] args)
        => CliApp.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
}
