using System.Net;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Contracts;

/// <summary>
/// The <see cref="IMembershipTable"/> contract every provider passes. Each test works in a cluster of its own
/// (a fresh cluster id), so a store may be shared between tests and test classes may run in parallel.
/// </summary>
public abstract class MembershipTableContractTests
{
    /// <summary>Microsecond-exact, so what goes in is what comes back.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9010);

    /// <summary>The table of <paramref name="clusterId"/> over this test's store.</summary>
    protected abstract IMembershipTable CreateSut(string clusterId);

    /// <summary>Another table instance of <paramref name="clusterId"/> over the same store, as another silo would create it.</summary>
    protected abstract IMembershipTable CreateSecondInstanceOnSameStore(string clusterId);

    protected static string NewClusterId() => TestTimeouts.NewKey("cluster");

    protected static SiloAddress Silo(int n, int generation = 1) => SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.0.{n}"), 11111), generation);

    protected static MembershipEntry Entry(SiloAddress silo, SiloStatus status = SiloStatus.Joining, DateTimeOffset? aliveAt = null) => new()
    {
        SiloAddress = silo,
        Status = status,
        SiloName = $"silo-{silo.Address}",
        HostName = $"host-{silo.Address}",
        GatewayPort = 30000,
        StartTime = T0,
        IAmAliveTime = aliveAt ?? T0,
    };

    /// <summary>An initialized, empty table of a new cluster.</summary>
    protected async Task<IMembershipTable> NewTableAsync(string? clusterId = null)
    {
        var table = CreateSut(clusterId ?? NewClusterId());
        await table.InitializeMembershipTableAsync(true).WithTimeout();
        return table;
    }

    /// <summary>Reads, then inserts with the next version; asserts it won.</summary>
    protected static async Task InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        var read = await table.ReadAllAsync().WithTimeout();
        Assert.True(await table.InsertRowAsync(entry, read.Version.Next()).WithTimeout(), $"inserting {entry.SiloAddress}");
    }

    /// <summary>Reads the silo's row, then updates it with its etag and the next version.</summary>
    protected static async Task<bool> UpdateAsync(IMembershipTable table, MembershipEntry entry)
    {
        var read = await table.ReadRowAsync(entry.SiloAddress).WithTimeout();
        var row = read.Find(entry.SiloAddress) ?? throw new InvalidOperationException($"{entry.SiloAddress} has no row");
        return await table.UpdateRowAsync(entry, row.ETag, read.Version.Next()).WithTimeout();
    }

    [Fact]
    public async Task ReadAll_BeforeInitialize_IsEmpty_AndNoInsertMatchesItsVersion()
    {
        var sut = CreateSut(NewClusterId());

        var read = await sut.ReadAllAsync().WithTimeout();

        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        Assert.False(await sut.InsertRowAsync(Entry(Silo(1)), read.Version.Next()).WithTimeout());
        await sut.InitializeMembershipTableAsync(true).WithTimeout();
        var initialized = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(0, initialized.Version.Version);
        Assert.True(await sut.InsertRowAsync(Entry(Silo(1)), initialized.Version.Next()).WithTimeout());
    }

    [Fact]
    public async Task Initialize_WithoutTryInitTableVersion_CreatesNoVersion()
    {
        var sut = CreateSut(NewClusterId());

        await sut.InitializeMembershipTableAsync(false).WithTimeout();
        var read = await sut.ReadAllAsync().WithTimeout();

        Assert.False(await sut.InsertRowAsync(Entry(Silo(1)), read.Version.Next()).WithTimeout());
    }

    [Fact]
    public async Task Initialize_Again_FromAnyInstance_KeepsTheVersionAndTheRows()
    {
        string cluster = NewClusterId();
        var sut = await NewTableAsync(cluster);
        await InsertAsync(sut, Entry(Silo(1)));

        await sut.InitializeMembershipTableAsync(true).WithTimeout();
        await CreateSecondInstanceOnSameStore(cluster).InitializeMembershipTableAsync(true).WithTimeout();
        var read = await sut.ReadAllAsync().WithTimeout();

        Assert.Equal(1, read.Version.Version);
        Assert.Single(read.Members);
    }

    [Fact]
    public async Task InsertRow_ThenReadAllAndReadRow_ReturnEveryField()
    {
        var sut = await NewTableAsync();
        var entry = Entry(Silo(1), SiloStatus.Active) with
        {
            GatewayPort = 30001,
            IAmAliveTime = T0.AddSeconds(3),
            SuspectTimes = [new SuspectTime(Silo(2), T0.AddSeconds(1)), new SuspectTime(Silo(3, generation: 7), T0.AddSeconds(2))],
        };
        await InsertAsync(sut, entry);

        var all = await sut.ReadAllAsync().WithTimeout();
        var row = await sut.ReadRowAsync(entry.SiloAddress).WithTimeout();

        var (stored, etag) = Assert.Single(all.Members);
        Assert.Equal(entry, stored);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress.Port, stored.SiloPort);
        Assert.Equal(all.Version, row.Version);
        Assert.Equal((entry, etag), Assert.Single(row.Members));
    }

    [Fact]
    public async Task ReadRow_OfASiloWithoutARow_ReturnsNoMember_AndTheTableVersion()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));

        var read = await sut.ReadRowAsync(Silo(1, generation: 2)).WithTimeout();

        Assert.Empty(read.Members);
        Assert.Equal(1, read.Version.Version);
        Assert.Null(read.Find(Silo(1, generation: 2)));
    }

    [Fact]
    public async Task InsertRow_RaisesTheVersionByOne_AndChangesItsEtag()
    {
        var sut = await NewTableAsync();
        var versions = new List<TableVersion> { (await sut.ReadAllAsync().WithTimeout()).Version };

        for (int i = 1; i <= 3; i++)
        {
            await InsertAsync(sut, Entry(Silo(i)));
            versions.Add((await sut.ReadAllAsync().WithTimeout()).Version);
        }

        Assert.Equal([0, 1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(4, versions.Select(v => v.VersionEtag).Distinct().Count());
        Assert.Equal(3, (await sut.ReadAllAsync().WithTimeout()).Members.Count);
    }

    [Fact]
    public async Task InsertRow_ManyWritersWithTheSameVersion_ExactlyOneWins_AndTheLosersChangedNothing()
    {
        string cluster = NewClusterId();
        var sut = await NewTableAsync(cluster);
        var other = CreateSecondInstanceOnSameStore(cluster);
        var read = await sut.ReadAllAsync().WithTimeout();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(1, 8).Select(async i =>
        {
            await start.Task;
            return await (i % 2 == 0 ? sut : other).InsertRowAsync(Entry(Silo(i)), read.Version.Next());
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(writers).WithTimeout();

        int winner = Assert.Single(Enumerable.Range(1, 8), i => results[i - 1]);
        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(Silo(winner), Assert.Single(after.Members).Entry.SiloAddress);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task InsertRow_AfterLosingARace_SucceedsOnAFreshRead()
    {
        var sut = await NewTableAsync();
        var stale = (await sut.ReadAllAsync().WithTimeout()).Version;
        await InsertAsync(sut, Entry(Silo(1)));

        Assert.False(await sut.InsertRowAsync(Entry(Silo(2)), stale.Next()).WithTimeout());
        await InsertAsync(sut, Entry(Silo(2)));

        Assert.Equal(2, (await sut.ReadAllAsync().WithTimeout()).Members.Count);
    }

    [Fact]
    public async Task InsertRow_OfASiloThatHasARow_ReturnsFalse_AndChangesNothing()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var before = await sut.ReadAllAsync().WithTimeout();

        Assert.False(await sut.InsertRowAsync(Entry(Silo(1), SiloStatus.Active), before.Version.Next()).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Entry.Status);
    }

    [Fact]
    public async Task InsertRow_WithAVersionNumberNotAboveTheTables_ReturnsFalse()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var read = await sut.ReadAllAsync().WithTimeout();

        Assert.False(await sut.InsertRowAsync(Entry(Silo(2)), read.Version).WithTimeout());
        Assert.False(await sut.InsertRowAsync(Entry(Silo(2)), read.Version with { Version = 0 }).WithTimeout());
        Assert.False(await sut.InsertRowAsync(Entry(Silo(2)), read.Version.Next() with { VersionEtag = "not-an-etag" }).WithTimeout());
        Assert.Single((await sut.ReadAllAsync().WithTimeout()).Members);
    }

    [Fact]
    public async Task InsertRow_ANewGenerationAtTheSameEndpoint_IsASeparateRow()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1, generation: 1), SiloStatus.Active));

        await InsertAsync(sut, Entry(Silo(1, generation: 2)));

        var read = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(SiloStatus.Active, read.Find(Silo(1, generation: 1))!.Value.Entry.Status);
        Assert.Equal(SiloStatus.Joining, read.Find(Silo(1, generation: 2))!.Value.Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_WithTheCurrentEtagAndVersion_ReplacesTheRow_AndRaisesTheVersion()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var read = await sut.ReadAllAsync().WithTimeout();
        var (entry, etag) = Assert.Single(read.Members);
        var changed = entry with { Status = SiloStatus.Active, GatewayPort = 30005, IAmAliveTime = T0.AddSeconds(30), SuspectTimes = [new SuspectTime(Silo(2), T0)] };

        Assert.True(await sut.UpdateRowAsync(changed, etag, read.Version.Next()).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        var (stored, newEtag) = Assert.Single(after.Members);
        Assert.Equal(changed, stored);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(2, after.Version.Version);
        Assert.NotEqual(read.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task UpdateRow_WithAStaleRowEtag_ReturnsFalse_AndChangesNothing()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var staleEtag = Assert.Single((await sut.ReadAllAsync().WithTimeout()).Members).ETag;
        Assert.True(await UpdateAsync(sut, Entry(Silo(1), SiloStatus.Active)));
        var before = await sut.ReadAllAsync().WithTimeout();

        Assert.False(await sut.UpdateRowAsync(Entry(Silo(1), SiloStatus.ShuttingDown), staleEtag, before.Version.Next()).WithTimeout());
        Assert.False(await sut.UpdateRowAsync(Entry(Silo(1), SiloStatus.ShuttingDown), "not-an-etag", before.Version.Next()).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_WithAStaleTableVersion_ReturnsFalse_EvenWithTheCurrentRowEtag()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var read = await sut.ReadAllAsync().WithTimeout();
        await InsertAsync(sut, Entry(Silo(2)));

        var (entry, etag) = read.Find(Silo(1))!.Value;
        Assert.False(await sut.UpdateRowAsync(entry with { Status = SiloStatus.Active }, etag, read.Version.Next()).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Joining, after.Find(Silo(1))!.Value.Entry.Status);
        Assert.Equal(etag, after.Find(Silo(1))!.Value.ETag);
    }

    [Fact]
    public async Task UpdateRow_OfASiloWithoutARow_ReturnsFalse()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        var read = await sut.ReadAllAsync().WithTimeout();

        Assert.False(await sut.UpdateRowAsync(Entry(Silo(9)), read.Members[0].ETag, read.Version.Next()).WithTimeout());
        Assert.Equal(read.Version, (await sut.ReadAllAsync().WithTimeout()).Version);
    }

    [Fact]
    public async Task StatusTransitions_JoiningActiveShuttingDownDead_EachRaiseTheVersion()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1)));
        List<(SiloStatus, int)> seen = [];

        foreach (var status in new[] { SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead })
        {
            Assert.True(await UpdateAsync(sut, Entry(Silo(1), status)));
            var read = await sut.ReadAllAsync().WithTimeout();
            seen.Add((Assert.Single(read.Members).Entry.Status, read.Version.Version));
        }

        Assert.Equal([(SiloStatus.Active, 2), (SiloStatus.ShuttingDown, 3), (SiloStatus.Dead, 4)], seen);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyTheHeartbeatAndTheRowEtag_NotTheTableVersion()
    {
        var sut = await NewTableAsync();
        var entry = Entry(Silo(1), SiloStatus.Active);
        await InsertAsync(sut, entry);
        var before = await sut.ReadAllAsync().WithTimeout();

        // Only the heartbeat of the entry counts; its other fields are not written.
        Assert.True(await sut.UpdateIAmAliveAsync(entry with { IAmAliveTime = T0.AddSeconds(30), Status = SiloStatus.Dead, GatewayPort = 1 }).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(before.Version, after.Version);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(entry with { IAmAliveTime = T0.AddSeconds(30) }, stored);
        Assert.NotEqual(before.Members[0].ETag, etag);
    }

    [Fact]
    public async Task UpdateIAmAlive_AfterTheReadADeathDeclarationIsBasedOn_MakesTheDeclarationFail()
    {
        string cluster = NewClusterId();
        var declarer = await NewTableAsync(cluster);
        var victim = CreateSecondInstanceOnSameStore(cluster);
        var entry = Entry(Silo(1), SiloStatus.Active);
        await InsertAsync(declarer, entry);
        var read = await declarer.ReadAllAsync().WithTimeout();

        Assert.True(await victim.UpdateIAmAliveAsync(entry with { IAmAliveTime = T0.AddMinutes(2) }).WithTimeout());
        var (stale, etag) = read.Find(entry.SiloAddress)!.Value;
        Assert.False(await declarer.UpdateRowAsync(stale with { Status = SiloStatus.Dead }, etag, read.Version.Next()).WithTimeout());

        Assert.Equal(SiloStatus.Active, Assert.Single((await declarer.ReadAllAsync().WithTimeout()).Members).Entry.Status);
    }

    [Fact]
    public async Task DeclaringAnotherSiloDead_IsSeenByEveryReader_AndTheDeadSilosHeartbeatThenReturnsFalse()
    {
        string cluster = NewClusterId();
        var declarer = await NewTableAsync(cluster);
        var victim = CreateSecondInstanceOnSameStore(cluster);
        var victimEntry = Entry(Silo(1), SiloStatus.Active);
        await InsertAsync(victim, victimEntry);
        await InsertAsync(declarer, Entry(Silo(2), SiloStatus.Active, aliveAt: T0.AddMinutes(5)));

        var read = await declarer.ReadAllAsync().WithTimeout();
        var (entry, etag) = read.Find(victimEntry.SiloAddress)!.Value;
        Assert.True(await declarer.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, read.Version.Next()).WithTimeout());

        var seenByVictim = await victim.ReadRowAsync(victimEntry.SiloAddress).WithTimeout();
        Assert.Equal(SiloStatus.Dead, Assert.Single(seenByVictim.Members).Entry.Status);
        Assert.Equal(3, seenByVictim.Version.Version);
        Assert.False(await victim.UpdateIAmAliveAsync(victimEntry with { IAmAliveTime = T0.AddMinutes(6) }).WithTimeout());
        Assert.Equal(T0, Assert.Single((await declarer.ReadRowAsync(victimEntry.SiloAddress).WithTimeout()).Members).Entry.IAmAliveTime);
    }

    [Fact]
    public async Task UpdateRow_OfADeadRowToAnotherStatus_IsRefused_ButDeadToDeadIsAllowed()
    {
        var sut = await NewTableAsync();
        await InsertAsync(sut, Entry(Silo(1), SiloStatus.Active));
        Assert.True(await UpdateAsync(sut, Entry(Silo(1), SiloStatus.Dead)));

        Assert.False(await UpdateAsync(sut, Entry(Silo(1), SiloStatus.Active)));
        Assert.False(await UpdateAsync(sut, Entry(Silo(1), SiloStatus.Joining)));
        Assert.True(await UpdateAsync(sut, Entry(Silo(1), SiloStatus.Dead) with { SuspectTimes = [new SuspectTime(Silo(2), T0)] }));

        var read = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(SiloStatus.Dead, Assert.Single(read.Members).Entry.Status);
        Assert.Equal(3, read.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_TwoSilosDeclaringTheSameSiloDead_ExactlyOneWins()
    {
        string cluster = NewClusterId();
        var first = await NewTableAsync(cluster);
        var second = CreateSecondInstanceOnSameStore(cluster);
        await InsertAsync(first, Entry(Silo(1), SiloStatus.Active));
        var read = await first.ReadAllAsync().WithTimeout();
        var (entry, etag) = Assert.Single(read.Members);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var declarations = new[] { first, second, first, second }.Select(async (table, i) =>
        {
            await start.Task;
            return await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead, SuspectTimes = [new SuspectTime(Silo(10 + i), T0)] }, etag, read.Version.Next());
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(declarations).WithTimeout();

        int winner = Assert.Single(Enumerable.Range(0, results.Length), i => results[i]);
        var after = Assert.Single((await first.ReadAllAsync().WithTimeout()).Members).Entry;
        Assert.Equal(SiloStatus.Dead, after.Status);
        Assert.Equal(Silo(10 + winner), Assert.Single(after.SuspectTimes).Suspecter);
    }

    [Fact]
    public async Task UpdateIAmAlive_OfASiloWithoutARow_ReturnsFalse()
    {
        var sut = await NewTableAsync();

        Assert.False(await sut.UpdateIAmAliveAsync(Entry(Silo(1))).WithTimeout());
        Assert.False(await CreateSut(NewClusterId()).UpdateIAmAliveAsync(Entry(Silo(1))).WithTimeout());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DeletesOnlyDeadRowsOlderThanTheDate_WithoutChangingTheVersion()
    {
        var sut = await NewTableAsync();
        var cutoff = T0.AddDays(7);
        await InsertAsync(sut, Entry(Silo(1), SiloStatus.Dead, aliveAt: cutoff.AddTicks(-10)));
        await InsertAsync(sut, Entry(Silo(2), SiloStatus.Dead, aliveAt: cutoff));
        await InsertAsync(sut, Entry(Silo(3), SiloStatus.Active, aliveAt: T0));
        await InsertAsync(sut, Entry(Silo(4), SiloStatus.Joining, aliveAt: T0));
        await InsertAsync(sut, Entry(Silo(5), SiloStatus.ShuttingDown, aliveAt: T0));
        var before = await sut.ReadAllAsync().WithTimeout();

        Assert.Equal(1, await sut.CleanupDefunctSiloEntriesAsync(cutoff).WithTimeout());

        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([2, 3, 4, 5], after.Members.Select(m => (int)m.Entry.SiloAddress.Address.GetAddressBytes()[3]).Order());
        Assert.Equal(0, await sut.CleanupDefunctSiloEntriesAsync(cutoff).WithTimeout());
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesThatClusterOnly()
    {
        var (gone, kept) = (NewClusterId(), NewClusterId());
        var goneTable = await NewTableAsync(gone);
        var keptTable = await NewTableAsync(kept);
        await InsertAsync(goneTable, Entry(Silo(1)));
        await InsertAsync(keptTable, Entry(Silo(1)));

        await keptTable.DeleteMembershipTableEntriesAsync(gone).WithTimeout();

        var read = await goneTable.ReadAllAsync().WithTimeout();
        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        Assert.False(await goneTable.InsertRowAsync(Entry(Silo(2)), read.Version.Next()).WithTimeout());
        Assert.Single((await keptTable.ReadAllAsync().WithTimeout()).Members);

        await goneTable.InitializeMembershipTableAsync(true).WithTimeout();
        await InsertAsync(goneTable, Entry(Silo(2)));
    }

    [Fact]
    public async Task Clusters_InOneStore_DoNotSeeEachOthersRows()
    {
        var first = await NewTableAsync();
        var second = await NewTableAsync();
        await InsertAsync(first, Entry(Silo(1)));

        var read = await second.ReadAllAsync().WithTimeout();

        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        Assert.Empty((await second.ReadRowAsync(Silo(1)).WithTimeout()).Members);
    }

    [Fact]
    public async Task Times_AreStoredToTheMicrosecond_AndReadBackInUtc()
    {
        var sut = await NewTableAsync();
        var local = new DateTimeOffset(2031, 6, 7, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await InsertAsync(sut, Entry(Silo(1)) with { StartTime = local, IAmAliveTime = local, SuspectTimes = [new SuspectTime(Silo(2), local)] });

        var stored = Assert.Single((await sut.ReadAllAsync().WithTimeout()).Members).Entry;

        var expected = new DateTimeOffset(local.UtcTicks - 7, TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, stored.StartTime.Offset);
        Assert.Equal(expected.UtcTicks, stored.StartTime.UtcTicks);
        Assert.Equal(expected.UtcTicks, stored.IAmAliveTime.UtcTicks);
        Assert.Equal(expected.UtcTicks, Assert.Single(stored.SuspectTimes).At.UtcTicks);
    }

    [Fact]
    public async Task Rows_WrittenByOneInstance_AreSeenByAnotherOnTheSameStore()
    {
        string cluster = NewClusterId();
        await InsertAsync(await NewTableAsync(cluster), Entry(Silo(1), SiloStatus.Active));

        var other = CreateSecondInstanceOnSameStore(cluster);
        var read = await other.ReadAllAsync().WithTimeout();

        Assert.Equal(Entry(Silo(1), SiloStatus.Active), Assert.Single(read.Members).Entry);
        Assert.True(await UpdateAsync(other, Entry(Silo(1), SiloStatus.ShuttingDown)));
    }
}
