using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace ArazzoGen.Tests.Support;

/// <summary>
/// Fake time for polling tests: whenever the workflow starts waiting for a delay shorter than
/// <see cref="AdvanceBelow"/> (a loop delay, a retry), the clock jumps forward by exactly that delay, so no test
/// sleeps.
/// Longer timers (request and run timeouts) only fire when a test advances the clock itself.
/// </summary>
internal sealed class AutoAdvancingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public TimeSpan AdvanceBelow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called instead of advancing when set: lets a test act (cancel, say) at the moment the workflow waits.
    /// </summary>
    public Action<TimeSpan>? OnWait { get; set; }

    /// <summary>Every delay the workflow waited for, in order.</summary>
    public IReadOnlyCollection<TimeSpan> Waits => _waits.ToArray();

    /// <summary>Moves the clock forward, firing the timers that come due (a request timeout, say).</summary>
    public void Advance(TimeSpan by) => _clock.Advance(by);

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime < AdvanceBelow)
        {
            _waits.Enqueue(dueTime);
            if (OnWait is { } onWait)
            {
                onWait(dueTime);
            }
            else
            {
                ThreadPool.QueueUserWorkItem(_ => _clock.Advance(dueTime));
            }
        }

        return timer;
    }
}
