using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>The rendezvous' in-memory history on its own: ring wrap-around, coverage, age, paging.</summary>
public sealed class StreamHistoryBufferTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AfterManyWrapArounds_ReadAfter_FindsExactlyTheNewestItemsInOrder()
    {
        var history = new StreamHistory(capacity: 10, Timeout.InfiniteTimeSpan);
        for (long seq = 1; seq <= 1003; seq++)
        {
            history.Append(Token(seq), BitConverter.GetBytes(seq), Start);
        }

        var (items, hasMore) = history.ReadAfter(995, 100);

        Assert.Equal(10, history.Count);
        Assert.Equal(994, history.CoveredFrom);
        Assert.Equal(Enumerable.Range(996, 8).Select(i => (long)i), items.Select(r => r.Token.Sequence));
        Assert.Equal(996, BitConverter.ToInt64(items[0].Payload));
        Assert.False(hasMore);
    }

    [Fact]
    public void GapsInSequenceNumbers_AreFoundByBinarySearch()
    {
        var history = new StreamHistory(capacity: 100, Timeout.InfiniteTimeSpan);
        foreach (long seq in new long[] { 2, 3, 7, 9, 10, 15 })
        {
            history.Append(Token(seq), [], Start);
        }

        Assert.Equal([7L, 9L], history.ReadAfter(4, 2).Items.Select(r => r.Token.Sequence));
        Assert.True(history.ReadAfter(4, 2).HasMore);
        Assert.Equal([10L, 15L], history.ReadAfter(9, 5).Items.Select(r => r.Token.Sequence));
        Assert.Empty(history.ReadAfter(15, 5).Items);
        Assert.True(history.Covers(0));
    }

    [Fact]
    public void ZeroCapacity_KeepsNothing_ButStillCoversTheNewestSequence()
    {
        var history = new StreamHistory(capacity: 0, Timeout.InfiniteTimeSpan);
        history.Append(Token(1), [], Start);
        history.Append(Token(2), [], Start);

        Assert.Equal(0, history.Count);
        Assert.False(history.Covers(1));
        Assert.True(history.Covers(2));
    }

    [Fact]
    public void Trim_EvictsOnlyItemsOlderThanTheMaximumAge()
    {
        var history = new StreamHistory(capacity: 10, TimeSpan.FromMinutes(1));
        history.Append(Token(1), [], Start);
        history.Append(Token(2), [], Start.AddSeconds(30));

        history.Trim(Start.AddSeconds(60));
        Assert.Equal(2, history.Count);

        history.Trim(Start.AddSeconds(61));
        Assert.Equal(1, history.Count);
        Assert.False(history.Covers(0));
        Assert.True(history.Covers(1));
    }

    [Fact]
    public void ReadAfter_GivesEachItemTheTokenItWasAppendedWith_AndAgesItByUtcTime()
    {
        var history = new StreamHistory(capacity: 10, TimeSpan.FromMinutes(1));
        var epoch = 1_796_000_000_000L;
        history.Append(new StreamSequenceToken(41, epoch), [4, 1], Start.ToOffset(TimeSpan.FromHours(5)));
        history.Append(new StreamSequenceToken(42, epoch), [4, 2], Start.AddSeconds(1));

        var (items, _) = history.ReadAfter(0, 10);
        history.Trim(Start.AddSeconds(60.5).ToOffset(TimeSpan.FromHours(-8))); // the same instant as UTC + 60.5 s

        Assert.Equal([new StreamSequenceToken(41, epoch), new StreamSequenceToken(42, epoch)], items.Select(r => r.Token));
        Assert.Equal(new byte[] { 4, 2 }, items[1].Payload);
        Assert.Equal(1, history.Count);
        Assert.Equal(42, history.CoveredFrom);
    }

    private static StreamSequenceToken Token(long sequence) => new(sequence, 1);
}
