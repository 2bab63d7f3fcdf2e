using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Serialization;

public sealed class CopyBoundaryTests(SharedCluster fixture) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task Argument_IsCopied_SoCallerMutationsDoNotReachTheGrain()
    {
        var grain = fixture.Cluster.Client.GetGrain<IBoundaryGrain>(TestSupport.NewKey());
        var bag = new Bag { Items = ["a"] };

        await grain.Keep(bag).WithTimeout();
        bag.Items.Add("mutated by caller");

        Assert.Equal(["a"], (await grain.GetKept().WithTimeout()).Items);
    }

    [Fact]
    public async Task Result_IsCopied_SoCallerMutationsDoNotReachTheGrain()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IBoundaryGrain>(TestSupport.NewKey());
        await grain.Keep(new Bag { Items = ["a"] }).WithTimeout();

        var first = await grain.GetKept().WithTimeout();
        first.Items.Add("mutated by caller");

        Assert.Equal(["a"], (await grain.GetKept().WithTimeout()).Items);
    }

    [Fact]
    public async Task GrainReference_TravelsInCalls_AndSurvivesInPersistedState()
    {
        var counterKey = TestSupport.NewKey();
        var grain = fixture.Cluster.Client.GetGrain<IBoundaryGrain>(TestSupport.NewKey());
        await grain.Link(fixture.Cluster.Client.GetGrain<ICounterGrain>(counterKey)).WithTimeout();
        Assert.Equal(1, await grain.IncrementLinked().WithTimeout());

        await fixture.Cluster.DeactivateGrainAsync(grain).WithTimeout();

        Assert.Equal(2, await grain.IncrementLinked().WithTimeout());
        Assert.Equal(2, await fixture.Cluster.Client.GetGrain<ICounterGrain>(counterKey).Get().WithTimeout());
    }

    [Fact]
    public void References_AreEqualByGrainId()
    {
        var key = TestSupport.NewKey();
        var a = fixture.Cluster.Client.GetGrain<ICounterGrain>(key);
        var b = fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        Assert.Equal(a.GetGrainId(), b.GetGrainId());
        Assert.Equal(a, b);
        Assert.Equal("test.counter", a.GetGrainId().Type);
        Assert.Equal(key, a.GetPrimaryKeyString());
    }
}
