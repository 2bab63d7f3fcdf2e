using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Contracts;

/// <summary>
/// The <see cref="IGrainStorage"/> contract every provider passes. Each test uses fresh grain ids, so
/// subclasses may share one store between tests and test classes may run in parallel.
/// </summary>
public abstract class GrainStorageContractTests
{
    /// <summary>A provider over this test's store.</summary>
    protected abstract IGrainStorage CreateSut();

    /// <summary>Another provider instance over the same store, as a restarted silo would create it.</summary>
    protected abstract IGrainStorage CreateSecondInstanceOnSameStore();

    /// <summary>Creates the schema of this test's store twice over, the way a DBA or two silos would.</summary>
    protected virtual Task CreateSchemaTwiceAsync() => Task.CompletedTask;

    protected static GrainId NewGrainId() => new("contract", TestTimeouts.NewKey("g"));

    protected static string NewStateName() => TestTimeouts.NewKey("state");

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Read_Missing_ReturnsNull()
    {
        var sut = CreateSut();

        Assert.Null(await sut.ReadAsync(NewStateName(), NewGrainId()).WithTimeout());
    }

    [Fact]
    public async Task WriteThenRead_RoundTripsPayload_AndEtagsCountFromOne()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());

        var first = await sut.WriteAsync(state, grain, Bytes("one"), null).WithTimeout();
        var afterFirst = await sut.ReadAsync(state, grain).WithTimeout();
        var second = await sut.WriteAsync(state, grain, Bytes("two"), first).WithTimeout();
        var afterSecond = await sut.ReadAsync(state, grain).WithTimeout();

        Assert.Equal("1", first);
        Assert.Equal("1", afterFirst!.Etag);
        Assert.Equal(Bytes("one"), afterFirst.Payload);
        Assert.Equal("2", second);
        Assert.Equal("2", afterSecond!.Etag);
        Assert.Equal(Bytes("two"), afterSecond.Payload);
    }

    [Fact]
    public async Task Write_EmptyAndLargePayloads_RoundTripExactly()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var large = new byte[1024 * 1024];
        new Random(42).NextBytes(large);

        var emptyState = NewStateName();
        await sut.WriteAsync(emptyState, grain, Array.Empty<byte>(), null).WithTimeout();
        var largeState = NewStateName();
        await sut.WriteAsync(largeState, grain, large, null).WithTimeout();

        var empty = await sut.ReadAsync(emptyState, grain).WithTimeout();
        Assert.NotNull(empty!.Payload);
        Assert.Empty(empty.Payload);
        Assert.Equal(large, (await sut.ReadAsync(largeState, grain).WithTimeout())!.Payload);
    }

    [Fact]
    public async Task Write_KeepsStateNamesAndGrainsApart()
    {
        var sut = CreateSut();
        var (a, b) = (NewStateName(), NewStateName());
        var (x, y) = (NewGrainId(), NewGrainId());

        await sut.WriteAsync(a, x, Bytes("ax"), null).WithTimeout();
        await sut.WriteAsync(b, x, Bytes("bx"), null).WithTimeout();
        await sut.WriteAsync(a, y, Bytes("ay"), null).WithTimeout();

        Assert.Equal(Bytes("ax"), (await sut.ReadAsync(a, x).WithTimeout())!.Payload);
        Assert.Equal(Bytes("bx"), (await sut.ReadAsync(b, x).WithTimeout())!.Payload);
        Assert.Equal(Bytes("ay"), (await sut.ReadAsync(a, y).WithTimeout())!.Payload);
        Assert.Null(await sut.ReadAsync(b, y).WithTimeout());
    }

    [Fact]
    public async Task Write_PayloadArrays_AreNotAliased()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());
        var written = Bytes("original");

        await sut.WriteAsync(state, grain, written, null).WithTimeout();
        written[0] = (byte)'X';
        var firstRead = await sut.ReadAsync(state, grain).WithTimeout();
        firstRead!.Payload![1] = (byte)'Y';

        Assert.Equal(Bytes("original"), (await sut.ReadAsync(state, grain).WithTimeout())!.Payload);
    }

    [Fact]
    public async Task Write_WithStaleEtag_ThrowsAndLeavesStoredDataUnchanged()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());
        var stale = await sut.WriteAsync(state, grain, Bytes("one"), null).WithTimeout();
        await sut.WriteAsync(state, grain, Bytes("two"), stale).WithTimeout();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteAsync(state, grain, Bytes("lost"), stale)).WithTimeout();

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Contains(state, conflict.Message);
        Assert.Contains(grain.ToString(), conflict.Message);
        var stored = await sut.ReadAsync(state, grain).WithTimeout();
        Assert.Equal("2", stored!.Etag);
        Assert.Equal(Bytes("two"), stored.Payload);
    }

    [Fact]
    public async Task Write_WithNullEtagWhenRowExists_ThrowsAndLeavesStoredDataUnchanged()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());
        await sut.WriteAsync(state, grain, Bytes("one"), null).WithTimeout();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteAsync(state, grain, Bytes("lost"), null)).WithTimeout();

        Assert.Equal("1", conflict.StoredEtag);
        Assert.Null(conflict.CurrentEtag);
        var stored = await sut.ReadAsync(state, grain).WithTimeout();
        Assert.Equal("1", stored!.Etag);
        Assert.Equal(Bytes("one"), stored.Payload);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("not-a-version")]
    public async Task Write_WithEtagWhenNoRowExists_Throws(string etag)
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteAsync(state, grain, Bytes("x"), etag)).WithTimeout();

        Assert.Null(conflict.StoredEtag);
        Assert.Null(await sut.ReadAsync(state, grain).WithTimeout());
    }

    [Fact]
    public async Task Clear_ThenRead_ReturnsNullPayloadWithNewEtag_AndStaleWriteConflicts()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());
        var written = await sut.WriteAsync(state, grain, Bytes("one"), null).WithTimeout();

        var cleared = await sut.ClearAsync(state, grain, written).WithTimeout();
        var tombstone = await sut.ReadAsync(state, grain).WithTimeout();

        Assert.Equal("2", cleared);
        Assert.Equal(new GrainStateRecord(null, "2"), tombstone);
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteAsync(state, grain, Bytes("stale"), written)).WithTimeout();
        Assert.Equal("2", stale.StoredEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteAsync(state, grain, Bytes("stale"), null)).WithTimeout();
        Assert.Equal(new GrainStateRecord(null, "2"), await sut.ReadAsync(state, grain).WithTimeout());

        Assert.Equal("3", await sut.WriteAsync(state, grain, Bytes("again"), cleared).WithTimeout());
        Assert.Equal(Bytes("again"), (await sut.ReadAsync(state, grain).WithTimeout())!.Payload);
    }

    [Fact]
    public async Task Clear_WithStaleEtag_ThrowsAndKeepsPayload()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());
        var stale = await sut.WriteAsync(state, grain, Bytes("one"), null).WithTimeout();
        await sut.WriteAsync(state, grain, Bytes("two"), stale).WithTimeout();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.ClearAsync(state, grain, stale)).WithTimeout();

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal(Bytes("two"), (await sut.ReadAsync(state, grain).WithTimeout())!.Payload);
    }

    [Fact]
    public async Task Clear_WhenNoRowExists_LeavesTombstoneAtVersionOne()
    {
        var sut = CreateSut();
        var (state, grain) = (NewStateName(), NewGrainId());

        var cleared = await sut.ClearAsync(state, grain, null).WithTimeout();

        Assert.Equal("1", cleared);
        Assert.Equal(new GrainStateRecord(null, "1"), await sut.ReadAsync(state, grain).WithTimeout());
    }

    [Fact]
    public async Task Data_SurvivesANewProviderInstanceOnTheSameStore()
    {
        var (state, grain) = (NewStateName(), NewGrainId());
        var etag = await CreateSut().WriteAsync(state, grain, Bytes("durable"), null).WithTimeout();

        var restarted = CreateSecondInstanceOnSameStore();
        var stored = await restarted.ReadAsync(state, grain).WithTimeout();

        Assert.Equal(etag, stored!.Etag);
        Assert.Equal(Bytes("durable"), stored.Payload);
        Assert.Equal("2", await restarted.WriteAsync(state, grain, Bytes("next"), etag).WithTimeout());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConcurrentWriters_WithTheSameEtag_ExactlyOneWins(bool rowExists)
    {
        const int writers = 8;
        var (state, grain) = (NewStateName(), NewGrainId());
        var instances = new[] { CreateSut(), CreateSecondInstanceOnSameStore() };
        string? etag = rowExists ? await instances[0].WriteAsync(state, grain, Bytes("base"), null).WithTimeout() : null;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, writers).Select(async i =>
        {
            await start.Task;
            try
            {
                return (Writer: i, Etag: (string?)await instances[i % instances.Length].WriteAsync(state, grain, Bytes($"writer-{i}"), etag));
            }
            catch (InconsistentStateException)
            {
                return (Writer: i, Etag: null);
            }
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts).WithTimeout();

        var winner = Assert.Single(results, r => r.Etag is not null);
        Assert.Equal(rowExists ? "2" : "1", winner.Etag);
        var stored = await instances[0].ReadAsync(state, grain).WithTimeout();
        Assert.Equal(winner.Etag, stored!.Etag);
        Assert.Equal(Bytes($"writer-{winner.Writer}"), stored.Payload);
    }

    [Fact]
    public async Task SchemaCreation_Twice_IsHarmless_AndKeepsData()
    {
        var (state, grain) = (NewStateName(), NewGrainId());
        var etag = await CreateSut().WriteAsync(state, grain, Bytes("kept"), null).WithTimeout();

        await CreateSchemaTwiceAsync().WithTimeout();

        var sut = CreateSecondInstanceOnSameStore();
        var stored = await sut.ReadAsync(state, grain).WithTimeout();
        Assert.Equal(etag, stored!.Etag);
        Assert.Equal(Bytes("kept"), stored.Payload);
        Assert.Equal("2", await sut.WriteAsync(state, grain, Bytes("after"), etag).WithTimeout());
    }
}
