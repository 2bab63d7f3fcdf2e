namespace OrleansRealtime.Abstractions.Timers;

/// <summary>A grain timer; disposed automatically when its activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the next tick is due and the period after it (<see cref="Timeout.InfiniteTimeSpan"/> for one-shot).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
