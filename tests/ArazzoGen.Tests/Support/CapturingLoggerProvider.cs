using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Tests.Support;

/// <summary>One log line as a provider received it: its category, level, event, text and structured values.</summary>
internal sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Values)
{
    /// <summary>Everything a log sink could store of this line, as one text to search.</summary>
    public string Everything
        => Category + " " + Message + " " + string.Join(" ", Values.Select(v => v.Key + "=" + v.Value));
}

/// <summary>A logger provider that keeps every line of every category, for tests to read.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs
    {
        get
        {
            lock (_logs)
            {
                return _logs.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
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
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var log = new CapturedLog(category, logLevel, eventId, formatter(state, exception), values.ToList());
            lock (provider._logs)
            {
                provider._logs.Add(log);
            }
        }
    }
}
