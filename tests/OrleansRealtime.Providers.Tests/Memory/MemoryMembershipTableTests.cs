using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Memory;

public sealed class MemoryMembershipTableTests : MembershipTableContractTests
{
    private readonly MemoryMembershipTable _store = new();

    protected override IMembershipTable CreateSut(string clusterId) => _store.ForCluster(clusterId);

    protected override IMembershipTable CreateSecondInstanceOnSameStore(string clusterId) => _store.ForCluster(clusterId);

    [Fact]
    public void ForCluster_OfItsOwnCluster_IsTheSameInstance()
    {
        var table = new MemoryMembershipTable("c1");

        Assert.Same(table, table.ForCluster("c1"));
        Assert.Equal("c2", table.ForCluster("c2").ClusterId);
    }
}
