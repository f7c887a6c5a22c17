using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// Keeps everything a log line carries: the formatted message, every structured value and the exception, so that a
/// test can search all of it for planted secrets.
/// </summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        Add(LogLevel.None, "scope: " + state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var text = new System.Text.StringBuilder(formatter(state, exception));
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var pair in values)
            {
                text.Append(" | ").Append(pair.Key).Append('=').Append(pair.Value);
            }
        }

        if (exception is not null)
        {
            text.Append(" | ").Append(exception);
        }

        Add(logLevel, text.ToString());
    }

    private void Add(LogLevel level, string text)
    {
        lock (_entries)
        {
            _entries.Add((level, text));
        }
    }
}
