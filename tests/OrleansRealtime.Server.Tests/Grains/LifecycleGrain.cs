using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

/// <summary>Counts its activations and reports each deactivation as signal "gone:{grainId}:{n}".</summary>
public abstract class LifecycleGrainBase : Grain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Counters.Increment($"activations:{GrainId}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Signals.Set($"gone:{GrainId}:{Counters.Increment($"deactivations:{GrainId}")}", reason.ReasonCode);
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(Counters.Get($"activations:{GrainId}"));
}

[GrainType("test.lifecycle")]
public sealed class LifecycleGrain : LifecycleGrainBase, ILifecycleGrain
{
    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Delay(TimeSpan keepAlive)
    {
        DelayDeactivation(keepAlive);
        return Task.CompletedTask;
    }
}

[GrainType("test.shortlived")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain : LifecycleGrainBase, IShortLivedGrain;
