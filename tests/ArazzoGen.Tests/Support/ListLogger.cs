using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Tests.Support;

/// <summary>A logger that keeps every message, with its level, for tests to read.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = new();

    /// <summary>
    /// Everything each line carried: the message, every structured value and the exception, for tests that search
    /// the log for what must not be in it.
    /// </summary>
    public List<string> Everything { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
        => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var everything = new System.Text.StringBuilder(formatter(state, exception));
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var pair in values)
            {
                everything.Append(" | ").Append(pair.Key).Append('=').Append(pair.Value);
            }
        }

        everything.Append(" | ").Append(exception);
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
            Everything.Add(everything.ToString());
        }
    }
}
