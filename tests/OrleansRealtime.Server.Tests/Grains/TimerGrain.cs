using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

[GrainType("test.timer")]
public sealed class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _running;

    public Task Start(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(dueTime, period));
        return Task.CompletedTask;
    }

    public Task StartInterleaving(TimeSpan dueTime)
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                Signals.Set($"interleaved-tick:{GrainId.Key}");
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task Hold()
    {
        Signals.Set($"holding:{GrainId.Key}");
        await Signals.Get($"hold-release:{GrainId.Key}").Task;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task Probe() => Task.CompletedTask;

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Signals.Set($"timer-gone:{GrainId.Key}");
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (++_running > 1)
        {
            Signals.Set($"overlap:{GrainId.Key}");
        }

        int n = ++_ticks;
        Signals.Set($"tick:{GrainId.Key}:{n}");
        await Signals.Get($"tick-release:{GrainId.Key}:{n}").Task;
        _running--;
    }
}
