using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Catalog;

public sealed class GrainIdentityTests(SharedCluster fixture) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task GuidLongAndCompoundKeys_RoundTrip()
    {
        var guid = Guid.NewGuid();
        var client = fixture.Cluster.Client;

        Assert.Equal(guid, await client.GetGrain<IGuidKeyGrain>(guid).Key().WithTimeout());
        Assert.Equal(-42L, await client.GetGrain<ILongKeyGrain>(-42).Key().WithTimeout());
        Assert.Equal($"{guid:N}+ext", await client.GetGrain<ICompoundKeyGrain>(guid, "ext").Key().WithTimeout());
    }

    [Fact]
    public void GrainTypeName_ComesFromAttribute_OrFromTheClassName()
    {
        var client = fixture.Cluster.Client;

        Assert.Equal("test.counter", client.GetGrain<ICounterGrain>("a").GetGrainId().Type);
        Assert.Equal("guidkey", client.GetGrain<IGuidKeyGrain>(Guid.Empty).GetGrainId().Type);
    }

    [Fact]
    public async Task GrainFactoryInsideTheSilo_ReachesTheSameActivation()
    {
        var key = TestSupport.NewKey();
        await fixture.Cluster.Client.GetGrain<ICounterGrain>(key).Increment().WithTimeout();

        Assert.Equal(1, await fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>(key).Get().WithTimeout());
    }
}
