using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Contracts;

/// <summary>
/// The <see cref="IReminderTable"/> contract every provider passes. Tests use fresh grain ids and only look at
/// their own rows, so a store may be shared between tests.
/// </summary>
public abstract class ReminderTableContractTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    /// <summary>A table over this test's store.</summary>
    protected abstract IReminderTable CreateSut();

    /// <summary>Another table instance over the same store, as a restarted silo would create it.</summary>
    protected abstract IReminderTable CreateSecondInstanceOnSameStore();

    private static GrainId NewGrainId() => new("reminder-contract", TestTimeouts.NewKey("g"));

    private static ReminderEntry Entry(GrainId grainId, string name = "tick", int periodMinutes = 1) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = Start,
        Period = TimeSpan.FromMinutes(periodMinutes),
    };

    [Fact]
    public async Task Upsert_ThenReadRow_ReturnsTheEntryWithItsEtag()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var entry = Entry(grain) with { StartAt = new DateTimeOffset(2031, 6, 7, 10, 11, 12, 345, TimeSpan.FromHours(2)) };

        var etag = await sut.UpsertRowAsync(entry).WithTimeout();
        var row = await sut.ReadRowAsync(grain, "tick").WithTimeout();

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry with { ETag = etag }, row);
        Assert.Equal(entry.StartAt.UtcDateTime, row!.StartAt.UtcDateTime);
    }

    [Fact]
    public async Task Upsert_AnExistingRow_ReplacesItAndReturnsANewEtag()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var first = await sut.UpsertRowAsync(Entry(grain)).WithTimeout();

        var second = await sut.UpsertRowAsync(Entry(grain, periodMinutes: 7) with { StartAt = Start.AddDays(1) }).WithTimeout();
        var row = await sut.ReadRowAsync(grain, "tick").WithTimeout();

        Assert.NotEqual(first, second);
        Assert.Equal(second, row!.ETag);
        Assert.Equal(TimeSpan.FromMinutes(7), row.Period);
        Assert.Equal(Start.AddDays(1), row.StartAt);
    }

    [Fact]
    public async Task ReadRow_Missing_ReturnsNull_AndReadRowsIsEmpty()
    {
        var sut = CreateSut();
        var grain = NewGrainId();

        Assert.Null(await sut.ReadRowAsync(grain, "tick").WithTimeout());
        Assert.Empty(await sut.ReadRowsAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsRows()
    {
        var sut = CreateSut();
        var (mine, other) = (NewGrainId(), NewGrainId());
        await sut.UpsertRowAsync(Entry(mine, "b")).WithTimeout();
        await sut.UpsertRowAsync(Entry(mine, "a")).WithTimeout();
        await sut.UpsertRowAsync(Entry(other, "a")).WithTimeout();

        var rows = await sut.ReadRowsAsync(mine).WithTimeout();

        Assert.All(rows, r => Assert.Equal(mine, r.GrainId));
        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.ETag)));
    }

    [Fact]
    public async Task Remove_WithStaleEtag_ReturnsFalseAndKeepsTheRow()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var stale = await sut.UpsertRowAsync(Entry(grain)).WithTimeout();
        var current = await sut.UpsertRowAsync(Entry(grain)).WithTimeout();

        Assert.False(await sut.RemoveRowAsync(grain, "tick", stale).WithTimeout());
        Assert.False(await sut.RemoveRowAsync(grain, "tick", "not-a-version").WithTimeout());
        Assert.Equal(current, (await sut.ReadRowAsync(grain, "tick").WithTimeout())!.ETag);
    }

    [Fact]
    public async Task Remove_WithCurrentEtag_DeletesTheRowOnce()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var etag = await sut.UpsertRowAsync(Entry(grain)).WithTimeout();

        Assert.True(await sut.RemoveRowAsync(grain, "tick", etag).WithTimeout());
        Assert.Null(await sut.ReadRowAsync(grain, "tick").WithTimeout());
        Assert.False(await sut.RemoveRowAsync(grain, "tick", etag).WithTimeout());
        Assert.False(await sut.RemoveRowAsync(NewGrainId(), "tick", etag).WithTimeout());
    }

    [Fact]
    public async Task Remove_WithTheEtagOfARemovedRow_DoesNotRemoveAReminderRegisteredLaterUnderTheSameName()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var old = await sut.UpsertRowAsync(Entry(grain)).WithTimeout();
        Assert.True(await sut.RemoveRowAsync(grain, "tick", old).WithTimeout());

        var renewed = await sut.UpsertRowAsync(Entry(grain, periodMinutes: 5)).WithTimeout();

        Assert.NotEqual(old, renewed);
        Assert.False(await sut.RemoveRowAsync(grain, "tick", old).WithTimeout());
        Assert.Equal(renewed, (await sut.ReadRowAsync(grain, "tick").WithTimeout())!.ETag);
    }

    [Fact]
    public async Task ConcurrentUpserts_OfOneReminder_EachGetADistinctEtag_AndTheRowHoldsOneOfThem()
    {
        var sut = CreateSut();
        var other = CreateSecondInstanceOnSameStore();
        var grain = NewGrainId();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var upserts = Enumerable.Range(1, 8).Select(async i =>
        {
            await start.Task;
            return await (i % 2 == 0 ? sut : other).UpsertRowAsync(Entry(grain, periodMinutes: i));
        }).ToList();
        start.SetResult();
        var etags = await Task.WhenAll(upserts).WithTimeout();

        Assert.Equal(etags.Length, etags.Distinct().Count());
        var row = await sut.ReadRowAsync(grain, "tick").WithTimeout();
        Assert.Contains(row!.ETag, etags);
        Assert.Equal(TimeSpan.FromMinutes(Array.IndexOf(etags, row.ETag) + 1), row.Period);
    }

    [Fact]
    public async Task Rows_SurviveANewTableInstanceOnTheSameStore()
    {
        var grain = NewGrainId();
        var etag = await CreateSut().UpsertRowAsync(Entry(grain)).WithTimeout();

        var restarted = CreateSecondInstanceOnSameStore();

        Assert.Equal(Entry(grain) with { ETag = etag }, await restarted.ReadRowAsync(grain, "tick").WithTimeout());
        Assert.True(await restarted.RemoveRowAsync(grain, "tick", etag).WithTimeout());
    }

    [Fact]
    public async Task ReadRangeByHash_FollowsTheRingRule()
    {
        var sut = CreateSut();
        // Twenty grains with distinct hashes, sorted by hash: h[0] < h[1] < ... < h[19].
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrainId())
            .DistinctBy(StableHash.Compute).Take(20)
            .OrderBy(StableHash.Compute).ToArray();
        var h = grains.Select(StableHash.Compute).ToArray();
        foreach (var grain in grains)
        {
            await sut.UpsertRowAsync(Entry(grain)).WithTimeout();
        }

        async Task<int[]> Range(uint begin, uint end)
        {
            var rows = await sut.ReadRowsAsync(begin, end).WithTimeout();
            var mine = rows.Select(r => Array.IndexOf(grains, r.GrainId)).Where(i => i >= 0).Order().ToArray();
            Assert.All(rows.Where(r => Array.IndexOf(grains, r.GrainId) >= 0), r => Assert.Equal("tick", r.ReminderName));
            return mine;
        }

        // (begin, end]: begin excluded, end included.
        Assert.Equal(Enumerable.Range(6, 7), await Range(h[5], h[12]));
        // begin > end wraps past uint.MaxValue.
        Assert.Equal(Enumerable.Range(0, 6).Concat(Enumerable.Range(13, 7)), await Range(h[12], h[5]));
        Assert.Equal(Enumerable.Range(0, 4), await Range(uint.MaxValue, h[3]));
        // begin == end is the whole ring.
        Assert.Equal(Enumerable.Range(0, 20), await Range(h[7], h[7]));
        Assert.Equal(Enumerable.Range(0, 20), await Range(0, 0));
        // The full span without wrapping excludes only hash 0.
        Assert.Equal(Enumerable.Range(h[0] == 0 ? 1 : 0, h[0] == 0 ? 19 : 20), await Range(0, uint.MaxValue));
        // A slice between two neighbours holds none of ours.
        if (h[10] - h[9] >= 2)
        {
            Assert.Empty(await Range(h[9], h[10] - 1));
        }
    }

    [Fact]
    public async Task Upsert_StoresTheStableHashOfTheGrainId()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        uint hash = StableHash.Compute(grain);
        await sut.UpsertRowAsync(Entry(grain)).WithTimeout();

        Assert.Contains(await sut.ReadRowsAsync(hash - 1, hash).WithTimeout(), r => r.GrainId == grain);
        Assert.DoesNotContain(await sut.ReadRowsAsync(hash, hash + 1).WithTimeout(), r => r.GrainId == grain);
    }
}
