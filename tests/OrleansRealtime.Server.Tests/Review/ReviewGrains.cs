using System.Collections.Concurrent;
using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Review;

/// <summary>A grain whose activation waits for "review-activate:{key}", to queue calls while it is activating.</summary>
public interface IReviewSlowActivationGrain : IGrainWithStringKey
{
    /// <summary>Signals "review-entered:{id}", then waits for "review-release:{id}".</summary>
    Task Run(string id);

    [AlwaysInterleave]
    Task<string> Ping();
}

[GrainType("review.slowactivation")]
public sealed class ReviewSlowActivationGrain : Grain, IReviewSlowActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await Signals.Get($"review-activate:{GrainId.Key}").Task;

    public async Task Run(string id)
    {
        Signals.Set($"review-entered:{id}");
        await Signals.Get($"review-release:{id}").Task;
    }

    public Task<string> Ping() => Task.FromResult("pong");
}

/// <summary>A one-shot timer whose first tick re-arms it with <see cref="IGrainTimer.Change"/> from inside the callback.</summary>
public interface IReviewTimerGrain : IGrainWithStringKey
{
    Task StartOneShot(TimeSpan dueTime, TimeSpan rearmDueTime);

    Task<int> Ticks();
}

[GrainType("review.timer")]
public sealed class ReviewTimerGrain : Grain, IReviewTimerGrain
{
    private IGrainTimer? _timer;
    private TimeSpan _rearm;
    private int _ticks;

    public Task StartOneShot(TimeSpan dueTime, TimeSpan rearmDueTime)
    {
        _rearm = rearmDueTime;
        _timer = RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    private Task OnTickAsync(CancellationToken cancellationToken)
    {
        int n = ++_ticks;
        Signals.Set($"review-tick:{GrainId.Key}:{n}");
        if (n == 1)
        {
            // The usual "one-shot timer that re-schedules itself" pattern.
            _timer!.Change(_rearm, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Records the order in which calls run, per key.</summary>
public interface IReviewOrderGrain : IGrainWithStringKey
{
    Task Record(string tag);

    /// <summary>Signals "review-blocking:{key}", then waits for "review-unblock:{key}".</summary>
    Task Block();

    Task StartTimer();
}

[GrainType("review.order")]
public sealed class ReviewOrderGrain : Grain, IReviewOrderGrain
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Log = new();

    public Task Record(string tag)
    {
        Log.GetOrAdd(GrainId.Key, _ => new()).Enqueue(tag);
        return Task.CompletedTask;
    }

    public async Task Block()
    {
        Signals.Set($"review-blocking:{GrainId.Key}");
        await Signals.Get($"review-unblock:{GrainId.Key}").Task;
    }

    public Task StartTimer()
    {
        RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        return Task.CompletedTask;
    }
}
