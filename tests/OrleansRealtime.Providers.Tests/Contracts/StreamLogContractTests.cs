using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Contracts;

/// <summary>
/// The <see cref="IStreamLog"/> contract every provider passes. Tests use fresh stream keys, so a store may be
/// shared between tests.
/// </summary>
public abstract class StreamLogContractTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A log over this test's store.</summary>
    protected abstract IStreamLog CreateSut();

    /// <summary>Another log instance over the same store, as another silo would create it.</summary>
    protected abstract IStreamLog CreateSecondInstanceOnSameStore();

    private static StreamLogKey NewStream() => new("contract", new StreamId("user", TestTimeouts.NewKey("s")));

    private static StreamLogEntry Entry(long sequence, int minutes = 0) => new(sequence, [(byte)sequence, 7], T0.AddMinutes(minutes));

    private static StreamLogEntry Identified(long sequence, string id) => Entry(sequence) with { PublicationId = id };

    [Fact]
    public async Task ReadHead_OfAnUnknownStream_IsNull_AndReadsAreIncomplete()
    {
        var sut = CreateSut();
        var stream = NewStream();

        Assert.Null(await sut.ReadHeadAsync(stream).WithTimeout());
        var read = await sut.ReadAfterAsync(stream, 5, 0, 10).WithTimeout();
        Assert.False(read.IsComplete);
        Assert.Empty(read.Entries);
    }

    [Fact]
    public async Task Append_ABatch_IsReadBackInOrder_FromAnotherInstance_WithTheHead()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 7, [Entry(1), Entry(2), Entry(4)], 4).WithTimeout();

        var other = CreateSecondInstanceOnSameStore();
        Assert.Equal(new StreamLogHead(7, 4, 0), await other.ReadHeadAsync(stream).WithTimeout());
        var read = await other.ReadAfterAsync(stream, 7, 0, 10).WithTimeout();
        Assert.True(read.IsComplete);
        Assert.Equal([1L, 2, 4], read.Entries.Select(e => e.Sequence));
        Assert.Equal(Entry(4).Payload, read.Entries[2].Payload);
        Assert.Equal(T0, read.Entries[0].Timestamp);
    }

    [Fact]
    public async Task ReadAfter_ReturnsOnlyLaterEntries_BoundedByMaxCount()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [.. Enumerable.Range(1, 10).Select(i => Entry(i))], 10).WithTimeout();

        var read = await sut.ReadAfterAsync(stream, 1, 3, 4).WithTimeout();

        Assert.True(read.IsComplete);
        Assert.Equal([4L, 5, 6, 7], read.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Append_WithNoEntries_OpensTheEpoch_AndReservesSequenceNumbers()
    {
        var sut = CreateSut();
        var stream = NewStream();

        await sut.AppendAsync(stream, 3, [], 0).WithTimeout();
        Assert.Equal(new StreamLogHead(3, 0, 0), await sut.ReadHeadAsync(stream).WithTimeout());

        await sut.AppendAsync(stream, 3, [], 1000).WithTimeout();
        await sut.AppendAsync(stream, 3, [Entry(5)], 5).WithTimeout();
        Assert.Equal(new StreamLogHead(3, 1000, 0), await sut.ReadHeadAsync(stream).WithTimeout());
    }

    [Fact]
    public async Task Append_TheSameEntryAgain_IsIdempotent()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [Entry(1), Entry(2)], 2).WithTimeout();

        await CreateSecondInstanceOnSameStore().AppendAsync(stream, 1, [Entry(1), Entry(2), Entry(3)], 3).WithTimeout();

        var read = await sut.ReadAfterAsync(stream, 1, 0, 10).WithTimeout();
        Assert.Equal([1L, 2, 3], read.Entries.Select(e => e.Sequence));
        Assert.Equal(3, (await sut.ReadHeadAsync(stream).WithTimeout())!.LastSequence);
    }

    [Fact]
    public async Task Append_ADifferentPayloadAtATakenPosition_IsRefused_AndChangesNothing()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [Entry(1), Entry(2)], 2).WithTimeout();

        await Assert.ThrowsAsync<StreamLogException>(() => sut.AppendAsync(stream, 1, [new StreamLogEntry(2, [99], T0), Entry(3)], 3).WithTimeout());

        var read = await sut.ReadAfterAsync(stream, 1, 0, 10).WithTimeout();
        Assert.Equal([1L, 2], read.Entries.Select(e => e.Sequence));
        Assert.Equal(Entry(2).Payload, read.Entries[1].Payload);
        Assert.Equal(2, (await sut.ReadHeadAsync(stream).WithTimeout())!.LastSequence);
    }

    [Fact]
    public async Task Append_ToANewerEpoch_MovesTheHead_AndTheOldEpochReadsIncomplete()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [Entry(1), Entry(2)], 2).WithTimeout();

        await sut.AppendAsync(stream, 2, [Entry(1)], 1).WithTimeout();

        Assert.Equal(new StreamLogHead(2, 1, 0), await sut.ReadHeadAsync(stream).WithTimeout());
        Assert.False((await sut.ReadAfterAsync(stream, 1, 0, 10).WithTimeout()).IsComplete);
        Assert.Equal([1L], (await sut.ReadAfterAsync(stream, 2, 0, 10).WithTimeout()).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Append_ToAnOlderEpoch_IsRefused_AndChangesNothing()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 5, [Entry(1)], 1).WithTimeout();

        await Assert.ThrowsAsync<StreamLogException>(() => sut.AppendAsync(stream, 4, [Entry(2)], 2).WithTimeout());

        Assert.Equal(new StreamLogHead(5, 1, 0), await sut.ReadHeadAsync(stream).WithTimeout());
    }

    [Fact]
    public async Task Append_BadArguments_Throw_WithoutTouchingTheStore()
    {
        var sut = CreateSut();
        var stream = NewStream();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.AppendAsync(stream, 1, [Entry(2), Entry(1)], 2));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.AppendAsync(stream, 1, [Entry(3)], 2));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.ReadAfterAsync(stream, 1, 0, 0));
        Assert.Null(await sut.ReadHeadAsync(stream).WithTimeout());
    }

    [Fact]
    public async Task Trim_KeepLast_RemovesTheOldest_AndReadsBeforeTheCutAreIncomplete()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [.. Enumerable.Range(1, 10).Select(i => Entry(i))], 12).WithTimeout();

        Assert.Equal(7, await sut.TrimAsync(stream, null, 3).WithTimeout());

        Assert.Equal(new StreamLogHead(1, 12, 7), await sut.ReadHeadAsync(stream).WithTimeout());
        Assert.False((await sut.ReadAfterAsync(stream, 1, 6, 10).WithTimeout()).IsComplete);
        var read = await sut.ReadAfterAsync(stream, 1, 7, 10).WithTimeout();
        Assert.True(read.IsComplete);
        Assert.Equal([8L, 9, 10], read.Entries.Select(e => e.Sequence));
        Assert.Equal(0, await sut.TrimAsync(stream, null, 3).WithTimeout());
    }

    [Fact]
    public async Task Trim_ByAge_RemovesEverythingUpToTheNewestTooOldEntry_AndKeepsTheHead()
    {
        var sut = CreateSut();
        var stream = NewStream();

        // Entry 3 is stamped earlier than entry 2 (a clock step back): trimming must not leave 2 behind.
        await sut.AppendAsync(stream, 1, [Entry(1, 0), Entry(2, 30), Entry(3, 10), Entry(4, 40)], 4).WithTimeout();

        Assert.Equal(3, await sut.TrimAsync(stream, T0.AddMinutes(20), null).WithTimeout());
        Assert.Equal([4L], (await sut.ReadAfterAsync(stream, 1, 3, 10).WithTimeout()).Entries.Select(e => e.Sequence));

        Assert.Equal(1, await sut.TrimAsync(stream, T0.AddHours(1), null).WithTimeout());
        Assert.Equal(new StreamLogHead(1, 4, 4), await sut.ReadHeadAsync(stream).WithTimeout());
        var empty = await sut.ReadAfterAsync(stream, 1, 4, 10).WithTimeout();
        Assert.True(empty.IsComplete);
        Assert.Empty(empty.Entries);
    }

    [Fact]
    public async Task Trim_RemovesEntriesOfOlderEpochs()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [Entry(1), Entry(2)], 2).WithTimeout();
        await sut.AppendAsync(stream, 2, [Entry(1)], 1).WithTimeout();

        await sut.TrimAsync(stream, null, 100).WithTimeout();

        Assert.Equal(new StreamLogHead(2, 1, 0), await sut.ReadHeadAsync(stream).WithTimeout());
        Assert.Equal([1L], (await sut.ReadAfterAsync(stream, 2, 0, 10).WithTimeout()).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Ids_AreReadBackWithTheirEntries_AndTheNewestOnesOfTheEpoch_OldestFirst()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [Identified(1, "old")], 1).WithTimeout();
        await sut.AppendAsync(stream, 2, [Identified(1, "a"), Entry(2), Identified(3, "b"), Identified(5, "c")], 1005).WithTimeout();

        var other = CreateSecondInstanceOnSameStore();
        var read = await other.ReadAfterAsync(stream, 2, 0, 10).WithTimeout();
        Assert.Equal(["a", null, "b", "c"], read.Entries.Select(e => e.PublicationId));

        // Entries without an id are skipped, not counted; the older epoch's are never returned.
        Assert.Equal([new StreamLogId(3, "b"), new StreamLogId(5, "c")], await other.ReadRecentIdsAsync(stream, 2, 2).WithTimeout());
        Assert.Equal(["a", "b", "c"], (await other.ReadRecentIdsAsync(stream, 2, 10).WithTimeout()).Select(i => i.PublicationId));
        Assert.Empty(await other.ReadRecentIdsAsync(stream, 1, 10).WithTimeout());
        Assert.Empty(await other.ReadRecentIdsAsync(NewStream(), 2, 10).WithTimeout());
    }

    [Fact]
    public async Task Ids_OfTrimmedEntries_AreGone()
    {
        var sut = CreateSut();
        var stream = NewStream();
        await sut.AppendAsync(stream, 1, [.. Enumerable.Range(1, 5).Select(i => Identified(i, $"id-{i}"))], 5).WithTimeout();

        await sut.TrimAsync(stream, null, 2).WithTimeout();

        Assert.Equal(["id-4", "id-5"], (await sut.ReadRecentIdsAsync(stream, 1, 10).WithTimeout()).Select(i => i.PublicationId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.ReadRecentIdsAsync(stream, 1, 0).WithTimeout());
    }

    [Fact]
    public async Task Streams_DoNotSeeEachOthersEntries()
    {
        var sut = CreateSut();
        var (first, second) = (NewStream(), NewStream());
        await sut.AppendAsync(first, 1, [Entry(1)], 1).WithTimeout();

        Assert.Null(await sut.ReadHeadAsync(second).WithTimeout());
        Assert.Equal(0, await sut.TrimAsync(second, T0.AddYears(1), 0).WithTimeout());
        Assert.Single((await sut.ReadAfterAsync(first, 1, 0, 10).WithTimeout()).Entries);
    }
}
