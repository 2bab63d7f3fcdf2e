using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer whose n-th tick signals "tick:{key}:{n}" and then waits for "tick-release:{key}:{n}".</summary>
    Task Start(TimeSpan dueTime, TimeSpan period);

    /// <summary>Starts a timer whose ticks interleave with requests.</summary>
    Task StartInterleaving(TimeSpan dueTime);

    /// <summary>A normal request that holds the activation until "hold-release:{key}".</summary>
    Task Hold();

    Task StopTimer();

    Task<int> Ticks();

    Task Deactivate();

    [AlwaysInterleave]
    Task Probe();
}
