using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Membership;

/// <summary>
/// The membership agent on the in-memory table and a fake clock, with the default timing: heartbeat every 30 s
/// (a failed one retried after 5 s), lease 60 s, death timeout 90 s, table refresh every 60 s.
/// </summary>
public sealed class MembershipAgentTests : IAsyncLifetime
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(60);
    private readonly MembershipTestCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Join_InsertsAJoiningRow_ThenWritesActive()
    {
        var silo = await _cluster.StartSiloAsync(11111);

        Assert.Equal([("insert", SiloStatus.Joining, true), ("update", SiloStatus.Active, true)],
            silo.Table.Writes.Select(w => (w.Operation, w.Entry.Status, w.Written)));
        var row = await _cluster.RowAsync(silo.Address);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal("silo-11111", row.SiloName);
        Assert.Equal(30000, row.GatewayPort);
        Assert.Equal("127.0.0.1:11111", silo.Address.Endpoint.ToString());
        Assert.Equal([silo.Address], silo.Membership.Current.ActiveSilos);
    }

    [Fact]
    public async Task Restart_IsANewGeneration_AndDeclaresTheOldOneDead()
    {
        var old = await _cluster.StartSiloAsync(11111);
        old.Table.Unreachable = true; // the old process is gone without a word: its row stays Active

        var restarted = await _cluster.StartSiloAsync(11111);

        Assert.True(restarted.Address.IsSameEndpoint(old.Address));
        Assert.True(restarted.Address.Generation > old.Address.Generation);
        Assert.Equal(SiloStatus.Dead, (await _cluster.RowAsync(old.Address)).Status);
        Assert.Equal(SiloStatus.Active, (await _cluster.RowAsync(restarted.Address)).Status);
        Assert.Equal(SiloStatus.Dead, restarted.Membership.Current.GetStatus(old.Address));
    }

    [Fact]
    public async Task Heartbeat_AdvancesIAmAliveTime_WithoutAVersionBump()
    {
        var silo = await _cluster.StartSiloAsync(11111);
        var before = await _cluster.Table.ReadAllAsync().WithTimeout();

        await _cluster.AdvanceUntilAsync(Heartbeat, silo, MembershipActivity.Heartbeat);

        var after = await _cluster.Table.ReadAllAsync().WithTimeout();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Find(silo.Address)!.Value.Entry.IAmAliveTime + Heartbeat, after.Find(silo.Address)!.Value.Entry.IAmAliveTime);
        Assert.NotEqual(before.Find(silo.Address)!.Value.ETag, after.Find(silo.Address)!.Value.ETag);
    }

    [Fact]
    public async Task TwoSilos_OnOneTable_SeeEachOtherActive()
    {
        var first = await _cluster.StartSiloAsync(11111);
        var second = await _cluster.StartSiloAsync(11112);
        var firstSeesBoth = first.ViewAsync(v => v.ActiveSilos.Count == 2);

        await _cluster.AdvanceUntilAsync(Refresh, first, MembershipActivity.Refresh);

        var expected = new[] { first.Address, second.Address }.Order().ToArray();
        Assert.Equal(expected, (await firstSeesBoth).ActiveSilos);
        Assert.Equal(expected, second.Membership.Current.ActiveSilos);
    }

    [Fact]
    public async Task SiloWhoseHeartbeatStops_IsDeclaredDeadAfterDeathTimeout_AndItsDirectoryEntriesAreRemoved()
    {
        var survivor = await _cluster.StartSiloAsync(11111);
        var victim = await _cluster.StartSiloAsync(11112);
        var victimsGrain = await RegisterAsync(victim.Address);
        var survivorsGrain = await RegisterAsync(survivor.Address);
        victim.Table.Unreachable = true; // its last heartbeat is the one of its join, at t = 0

        await _cluster.AdvanceUntilAsync(Refresh, survivor, MembershipActivity.Refresh); // t = 60 s: not yet
        Assert.Equal(SiloStatus.Active, (await _cluster.RowAsync(victim.Address)).Status);
        Assert.NotNull(await _cluster.Directory.LookupAsync(victimsGrain.GrainId).WithTimeout());

        await _cluster.AdvanceUntilAsync(Refresh, survivor, MembershipActivity.Refresh); // t = 120 s: past 90 s

        Assert.Equal(SiloStatus.Dead, (await _cluster.RowAsync(victim.Address)).Status);
        Assert.Equal(SiloStatus.Dead, survivor.Membership.Current.GetStatus(victim.Address));
        Assert.Equal([survivor.Address], survivor.Membership.Current.ActiveSilos);
        Assert.Null(await _cluster.Directory.LookupAsync(victimsGrain.GrainId).WithTimeout());
        Assert.Equal(survivorsGrain, await _cluster.Directory.LookupAsync(survivorsGrain.GrainId).WithTimeout());
    }

    [Fact]
    public async Task SiloThatCannotHeartbeatForTheLease_RefusesGrainCalls_AndServesAgainAfterAHeartbeat()
    {
        var silo = await _cluster.StartSiloAsync(11111);
        var grain = silo.Cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        Assert.Equal(1, await grain.Increment().WithTimeout());
        silo.Table.Unreachable = true;

        await _cluster.AdvanceUntilAsync(Heartbeat, silo, MembershipActivity.HeartbeatFailed); // t = 30 s
        Assert.Equal(2, await grain.Increment().WithTimeout()); // the lease (from t = 0) still holds

        _cluster.Time.Advance(TimeSpan.FromSeconds(31)); // t = 61 s: retries at 35 … 60 s all failed
        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment()).WithTimeout();
        Assert.Contains("could not renew its membership heartbeat", refused.Message);

        silo.Table.Unreachable = false;
        await _cluster.AdvanceUntilAsync(silo.Agent.RetryDelay, silo, MembershipActivity.Heartbeat); // t = 65 s
        Assert.Equal(3, await grain.Increment().WithTimeout());
    }

    [Fact]
    public async Task SiloWhoseOwnRowWasDeclaredDead_StaysFencedForGood()
    {
        var silo = await _cluster.StartSiloAsync(11111);
        var grain = silo.Cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        await grain.Increment().WithTimeout();
        var read = await _cluster.Table.ReadAllAsync().WithTimeout();
        var (row, etag) = read.Find(silo.Address)!.Value;
        Assert.True(await _cluster.Table.UpdateRowAsync(row with { Status = SiloStatus.Dead }, etag, read.Version.Next()).WithTimeout());

        await _cluster.AdvanceUntilAsync(Heartbeat, silo, MembershipActivity.DeclaredDead);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment()).WithTimeout();

        _cluster.Time.Advance(TimeSpan.FromMinutes(5)); // the table works; nothing brings a dead silo back
        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Get()).WithTimeout();
        Assert.Contains("declared dead", refused.Message);
    }

    [Fact]
    public async Task CleanStop_WritesShuttingDownThenDead_AndRemovesItsDirectoryEntries()
    {
        var silo = await _cluster.StartSiloAsync(11111);
        var address = silo.Address;
        var entry = await RegisterAsync(address);

        await silo.Cluster.StopSiloAsync().WithTimeout();

        Assert.Equal([SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead],
            silo.Table.Writes.Where(w => w.Written).Select(w => w.Entry.Status));
        Assert.Equal(SiloStatus.Dead, (await _cluster.RowAsync(address)).Status);
        Assert.Null(await _cluster.Directory.LookupAsync(entry.GrainId).WithTimeout());
    }

    [Fact]
    public async Task ConcurrentDeclarations_ByTwoSilos_LeaveOneDeadRow()
    {
        var a = await _cluster.StartSiloAsync(11111);
        var b = await _cluster.StartSiloAsync(11112);
        var victim = await _cluster.StartSiloAsync(11113);
        victim.Table.Unreachable = true;
        var bothRefreshed = Task.WhenAll(a.NextAsync(MembershipActivity.Refresh), b.NextAsync(MembershipActivity.Refresh));
        _cluster.Time.Advance(Refresh); // t = 60 s: the victim is not overdue yet
        await bothRefreshed;
        var versionBefore = (await _cluster.Table.ReadAllAsync().WithTimeout()).Version.Version;

        // Both take their read of t = 120 s before either writes: both decide on the same version.
        var gate = new ReadGate(2);
        a.Table.ReadGate = gate;
        b.Table.ReadGate = gate;
        bothRefreshed = Task.WhenAll(a.NextAsync(MembershipActivity.Refresh), b.NextAsync(MembershipActivity.Refresh));
        _cluster.Time.Advance(Refresh);
        await bothRefreshed;

        var declarations = a.Table.Writes.Concat(b.Table.Writes)
            .Where(w => w.Operation == "update" && w.Entry.SiloAddress.Equals(victim.Address)).ToArray();
        Assert.Equal(2, declarations.Length);
        Assert.Single(declarations, d => d.Written);
        var after = await _cluster.Table.ReadAllAsync().WithTimeout();
        Assert.Equal(versionBefore + 1, after.Version.Version);
        Assert.Equal(SiloStatus.Dead, after.Find(victim.Address)!.Value.Entry.Status);
        Assert.Equal(SiloStatus.Dead, a.Membership.Current.GetStatus(victim.Address));
        Assert.Equal(SiloStatus.Dead, b.Membership.Current.GetStatus(victim.Address));
    }

    [Fact]
    public async Task InvalidClusteringOptions_FailTheStart_NamingThePropertyAndValue()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(
            () => _cluster.StartSiloAsync(11111, ("Realtime:Clustering:LeaseTimeout", "00:02:00"))).WithTimeout();

        Assert.Contains("Realtime:Clustering:LeaseTimeout must be shorter than DeathTimeout", ex.Message);
        Assert.Contains("00:02:00", ex.Message);
    }

    private async Task<GrainAddress> RegisterAsync(SiloAddress silo)
    {
        var address = new GrainAddress
        {
            GrainId = new GrainId("test.counter", TestSupport.NewKey()),
            SiloAddress = silo,
            ActivationId = ActivationId.NewId(),
        };
        Assert.Equal(address, await _cluster.Directory.RegisterAsync(address).WithTimeout());
        return address;
    }
}
