namespace OrleansRealtime.Abstractions.Timers;

/// <summary>
/// Options for <c>RegisterGrainTimer</c>. A tick is a turn of the activation: it never overlaps another
/// tick of the same timer (the next due time is counted from the end of the callback), and unless
/// <see cref="Interleave"/> is set it waits for running requests like any other request.
/// </summary>
public readonly record struct GrainTimerCreationOptions
{
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    public TimeSpan DueTime { get; init; }

    /// <summary>Time between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for a single tick.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Ticks may interleave with requests (as if <c>[AlwaysInterleave]</c>).</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity, so the timer keeps the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
