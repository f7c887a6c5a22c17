using System;
using System.Collections.Generic;
using System.Linq;

namespace ArazzoGen.Cli;

/// <summary>How findings are printed.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}

/// <summary>A parsed command line.</summary>
internal sealed record CliOptions(
    string Command,
    IReadOnlyList<string> Inputs,
    OutputFormat Format,
    bool Quiet,
    string? OutDirectory,
    string? Namespace);

/// <summary>
/// Parses <c>arazzogen &lt;command&gt; [options] &lt;paths&gt;...</c>; no library, the grammar is small.
/// </summary>
internal static class CommandLine
{
    public const string Check = "check";
    public const string Generate = "generate";
    public const string Help = "help";
    public const string Version = "version";

    public const string Usage = """
        Usage:
          arazzogen check <files or folders>... [--format text|json] [--quiet]
          arazzogen generate <files or folders>... --out <dir> [--namespace <name>] [--format text|json] [--quiet]

        Runs the ArazzoGen source generator over Arazzo and OpenAPI documents (folders are searched recursively for
        *.yaml, *.yml and *.json, skipping bin, obj, node_modules and hidden folders) and prints its diagnostics as
        path(line,col): error ARZ0001: message.

        Options:
          --format text|json  the output format (default text)
          --quiet, -q         print errors only, and no summary
          --out, -o <dir>     generate: the folder the generated C# files are written to
          --namespace <name>  generate: the namespace of generated code (default ArazzoGen.Generated)

        Exit codes: 0 no error, 1 an error was found, 2 a usage error.
        """;

    /// <summary>The options, or null with <paramref name="error"/> set (null error too for help and version).</summary>
    public static CliOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0)
        {
            error = "no command given.";
            return null;
        }

        var command = args[0];
        if (command is "-h" or "--help" or Help)
        {
            return new CliOptions(Help, Array.Empty<string>(), OutputFormat.Text, false, null, null);
        }

        if (command is "--version" or Version)
        {
            return new CliOptions(Version, Array.Empty<string>(), OutputFormat.Text, false, null, null);
        }

        if (command is not (Check or Generate))
        {
            error = $"unknown command '{command}'.";
            return null;
        }

        var parsed = ParseRest(command, args.Skip(1).ToList(), out error);
        return error is null ? Validate(parsed, out error) : null;
    }

    private static CliOptions ParseRest(string command, List<string> rest, out string? error)
    {
        error = null;
        var inputs = new List<string>();
        var options = new CliOptions(command, inputs, OutputFormat.Text, false, null, null);
        var onlyPaths = false;
        for (var i = 0; i < rest.Count && error is null; i++)
        {
            var arg = rest[i];
            if (onlyPaths || !arg.StartsWith('-') || arg == "-")
            {
                inputs.Add(arg);
                continue;
            }

            var (name, inline) = SplitOption(arg);
            string? Value() => inline ?? (i + 1 < rest.Count ? rest[++i] : null);
            switch (name)
            {
                case "--":
                    onlyPaths = true;
                    break;
                case "--quiet" or "-q" when inline is null:
                    options = options with { Quiet = true };
                    break;
                case "--format":
                    var format = Value();
                    options = options with { Format = format is "json" ? OutputFormat.Json : OutputFormat.Text };
                    error = format is "json" or "text" ? null : "--format takes 'text' or 'json'.";
                    break;
                case "--out" or "-o":
                    options = options with { OutDirectory = Value() };
                    error = options.OutDirectory is { Length: > 0 } ? null : $"{name} needs a folder.";
                    break;
                case "--namespace":
                    options = options with { Namespace = Value() };
                    error = options.Namespace is { Length: > 0 } ? null : "--namespace needs a name.";
                    break;
                default:
                    error = $"unknown option '{arg}'.";
                    break;
            }
        }

        return options;
    }

    private static (string Name, string? Inline) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2
            ? (arg.Substring(0, equals), arg.Substring(equals + 1))
            : (arg, null);
    }

    private static CliOptions? Validate(CliOptions options, out string? error)
    {
        error = null;
        if (options.Inputs.Count == 0)
        {
            error = "no files or folders given.";
        }
        else if (options.Command == Check && (options.OutDirectory ?? options.Namespace) is not null)
        {
            error = "--out and --namespace belong to 'generate'.";
        }
        else if (options.Command == Generate && options.OutDirectory is null)
        {
            error = "'generate' needs --out <dir>.";
        }
        else if (options.Namespace is not null && !IsNamespace(options.Namespace))
        {
            error = $"'{options.Namespace}' is not a C# namespace name.";
        }

        return error is null ? options : null;
    }

    /// <summary>The generator's own test: dotted identifiers (it falls back to its default silently).</summary>
    private static bool IsNamespace(string value)
        => value.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_')
                                        && part.All(c => char.IsLetterOrDigit(c) || c == '_'));
}
