using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Scheduling;

public sealed class TurnBasedSchedulingTests(SharedCluster fixture) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task NonReentrantGrain_SecondCallWaitsForFirst_NeverOverlaps()
    {
        var grain = fixture.Cluster.Client.GetGrain<IGateGrain>(TestSupport.NewKey(), nameof(GateGrain));
        string a = TestSupport.NewKey("a"), b = TestSupport.NewKey("b");

        var first = grain.Run(a);
        await Signals.Wait($"entered:{a}");
        var second = grain.Run(b);

        // [AlwaysInterleave] runs now; it sees only the first call in flight, the second is queued.
        Assert.Equal(1, await grain.GetInFlight().WithTimeout());
        Assert.False(Signals.Get($"entered:{b}").Task.IsCompleted);

        Signals.Set($"release:{a}");
        Assert.Equal(1, await first.WithTimeout());
        await Signals.Wait($"entered:{b}");
        Signals.Set($"release:{b}");
        Assert.Equal(1, await second.WithTimeout());
    }

    [Fact]
    public async Task ReentrantGrain_CallsInterleave()
    {
        var grain = fixture.Cluster.Client.GetGrain<IReentrantGateGrain>(TestSupport.NewKey());
        string a = TestSupport.NewKey("a"), b = TestSupport.NewKey("b");

        var first = grain.Run(a);
        await Signals.Wait($"entered:{a}");
        var second = grain.Run(b);
        await Signals.Wait($"entered:{b}");

        Assert.Equal(2, await grain.GetInFlight().WithTimeout());
        Signals.Set($"release:{a}");
        Signals.Set($"release:{b}");
        Assert.Equal(2, await first.WithTimeout());
        Assert.Equal(2, await second.WithTimeout());
    }

    [Fact]
    public async Task ReadOnlyCalls_InterleaveWithEachOther()
    {
        var grain = fixture.Cluster.Client.GetGrain<IGateGrain>(TestSupport.NewKey(), nameof(GateGrain));
        string a = TestSupport.NewKey("a"), b = TestSupport.NewKey("b");

        var first = grain.RunReadOnly(a);
        await Signals.Wait($"entered:{a}");
        var second = grain.RunReadOnly(b);
        await Signals.Wait($"entered:{b}");

        Signals.Set($"release:{a}");
        Signals.Set($"release:{b}");
        Assert.Equal(2, await first.WithTimeout());
        Assert.Equal(2, await second.WithTimeout());
    }

    [Fact]
    public async Task NormalCall_WaitsForRunningReadOnlyCall()
    {
        var grain = fixture.Cluster.Client.GetGrain<IGateGrain>(TestSupport.NewKey(), nameof(GateGrain));
        string a = TestSupport.NewKey("a"), b = TestSupport.NewKey("b");

        var reader = grain.RunReadOnly(a);
        await Signals.Wait($"entered:{a}");
        var writer = grain.Run(b);
        Assert.Equal(1, await grain.GetInFlight().WithTimeout());

        Signals.Set($"release:{a}");
        await reader.WithTimeout();
        Signals.Set($"release:{b}");
        Assert.Equal(1, await writer.WithTimeout());
    }

    [Fact]
    public async Task ManyConcurrentIncrements_OnOneGrain_AllApplyOnce()
    {
        var grain = fixture.Cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Increment())).WithTimeout();

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(200, await grain.Get().WithTimeout());
    }
}
