using System.Threading.Channels;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>Reading a stream's recent history after a token: order, tokens, completeness, paging, opt-out.</summary>
public sealed class StreamHistoryTests : IAsyncLifetime
{
    private readonly InProcessTestCluster _cluster = TestClusters.Builder().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task GetPosition_OfANewStream_IsSequenceZero_AndReadingAfterItIsCompleteAndEmpty()
    {
        var stream = Stream();

        var position = await stream.GetPositionAsync().WithTimeout();
        var history = await stream.GetItemsAfterAsync(position, 10).WithTimeout();

        Assert.Equal(0, position.Sequence);
        Assert.True(history.IsComplete);
        Assert.Empty(history.Items);
        Assert.False(history.HasMore);
        Assert.Equal(position, history.Position);
    }

    [Fact]
    public async Task GetItemsAfter_ReturnsTheItemsAfterTheToken_InOrder_WithTheTokensTheyWereDeliveredWith()
    {
        var stream = Stream();
        var live = Channel.CreateUnbounded<StreamHistoryEntry<HistoryItem>>();
        await stream.SubscribeAsync((item, token) => live.Writer.WriteAsync(new(item, token!)).AsTask()).WithTimeout();
        for (int i = 1; i <= 5; i++)
        {
            await stream.OnNextAsync(new HistoryItem(i)).WithTimeout();
        }

        var delivered = new List<StreamHistoryEntry<HistoryItem>>();
        for (int i = 0; i < 5; i++)
        {
            delivered.Add(await live.Reader.ReadAsync().AsTask().WithTimeout());
        }

        var history = await stream.GetItemsAfterAsync(delivered[1].Token, 10).WithTimeout();

        Assert.True(history.IsComplete);
        Assert.False(history.HasMore);
        Assert.Equal(delivered[2..], history.Items);
        Assert.Equal([3, 4, 5], history.Items.Select(e => (int)e.Token.Sequence));
        Assert.Equal(delivered[4].Token, history.Position);
        Assert.Equal(history.Position, await stream.GetPositionAsync().WithTimeout());
    }

    [Fact]
    public async Task GetItemsAfter_PagesByMaxCount_UntilHasMoreIsFalse()
    {
        var stream = Stream();
        await PublishAsync(stream, 10);
        var epoch = (await stream.GetPositionAsync().WithTimeout()).Epoch;

        var pages = new List<StreamHistoryResult<HistoryItem>>();
        var after = new StreamSequenceToken(0, epoch);
        do
        {
            pages.Add(await stream.GetItemsAfterAsync(after, 3).WithTimeout());
            after = pages[^1].Items[^1].Token;
        }
        while (pages[^1].HasMore);

        Assert.Equal([3, 3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.True(p.IsComplete));
        Assert.Equal(Enumerable.Range(1, 10), pages.SelectMany(p => p.Items).Select(e => e.Item.Value));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), pages.SelectMany(p => p.Items).Select(e => e.Token.Sequence));
    }

    [Fact]
    public async Task ItemsThatOptOut_GetSequenceNumbersAndAreDelivered_ButAreNotInTheHistory()
    {
        var stream = Stream();
        var live = Channel.CreateUnbounded<StreamHistoryEntry<HistoryItem>>();
        await stream.SubscribeAsync((item, token) => live.Writer.WriteAsync(new(item, token!)).AsTask()).WithTimeout();

        await stream.OnNextAsync(new HistoryItem(1)).WithTimeout();
        await stream.OnNextAsync(new HistoryItem(2, RetainInHistory: false)).WithTimeout();
        await stream.OnNextAsync(new HistoryItem(3)).WithTimeout();

        var delivered = new List<StreamHistoryEntry<HistoryItem>>();
        for (int i = 0; i < 3; i++)
        {
            delivered.Add(await live.Reader.ReadAsync().AsTask().WithTimeout());
        }

        var history = await stream.GetItemsAfterAsync(new StreamSequenceToken(0, delivered[0].Token.Epoch), 10).WithTimeout();
        Assert.Equal([1, 2, 3], delivered.Select(e => e.Token.Sequence));
        Assert.True(history.IsComplete);
        Assert.Equal([delivered[0], delivered[2]], history.Items);
        Assert.Equal(3, history.Position.Sequence);
    }

    [Fact]
    public async Task GetItemsAfter_ATokenOfAnotherEpoch_IsIncomplete_AndReturnsNothing()
    {
        var stream = Stream();
        await PublishAsync(stream, 3);
        var position = await stream.GetPositionAsync().WithTimeout();

        var older = await stream.GetItemsAfterAsync(new StreamSequenceToken(1, position.Epoch - 1), 10).WithTimeout();
        var newer = await stream.GetItemsAfterAsync(new StreamSequenceToken(1, position.Epoch + 1), 10).WithTimeout();

        Assert.False(older.IsComplete);
        Assert.Empty(older.Items);
        Assert.Equal(position, older.Position);
        Assert.False(newer.IsComplete);
        Assert.Empty(newer.Items);
    }

    [Fact]
    public async Task GetItemsAfter_ATokenAheadOfThePosition_IsIncomplete()
    {
        var stream = Stream();
        await PublishAsync(stream, 2);
        var position = await stream.GetPositionAsync().WithTimeout();

        var history = await stream.GetItemsAfterAsync(position with { Sequence = position.Sequence + 1 }, 10).WithTimeout();

        Assert.False(history.IsComplete);
        Assert.Empty(history.Items);
    }

    [Fact]
    public async Task GetItemsAfter_RefusesANonPositiveMaxCount_AndANegativeSequence()
    {
        var stream = Stream();
        var position = await stream.GetPositionAsync().WithTimeout();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stream.GetItemsAfterAsync(position, 0)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stream.GetItemsAfterAsync(position with { Sequence = -1 }, 1)).WithTimeout();
    }

    [Fact]
    public async Task RendezvousDeactivation_StartsANewEpoch_AndOldPositionsAreIncomplete()
    {
        var stream = Stream();
        await PublishAsync(stream, 3);
        var before = await stream.GetPositionAsync().WithTimeout();

        await _cluster.DeactivateGrainAsync(Rendezvous(stream)).WithTimeout();
        var after = await stream.GetPositionAsync().WithTimeout();
        var fromOld = await stream.GetItemsAfterAsync(before, 10).WithTimeout();
        var fromOldStart = await stream.GetItemsAfterAsync(before with { Sequence = 0 }, 10).WithTimeout();

        Assert.True(after.Epoch > before.Epoch, $"epoch {after.Epoch} should be after {before.Epoch}");
        Assert.Equal(0, after.Sequence);
        Assert.False(fromOld.IsComplete);
        Assert.False(fromOldStart.IsComplete);
        Assert.Equal(after, fromOld.Position);
    }

    [Fact]
    public async Task SiloRestart_StartsANewEpoch_WithAnEmptyHistory_AndOldPositionsAreIncomplete()
    {
        var stream = Stream();
        await PublishAsync(stream, 3);
        var before = await stream.GetPositionAsync().WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();
        await stream.OnNextAsync(new HistoryItem(4)).WithTimeout();
        var fromOld = await stream.GetItemsAfterAsync(before, 10).WithTimeout();
        var fromNewStart = await stream.GetItemsAfterAsync(new StreamSequenceToken(0, fromOld.Position.Epoch), 10).WithTimeout();

        Assert.True(fromOld.Position.Epoch > before.Epoch, $"epoch {fromOld.Position.Epoch} should be after {before.Epoch}");
        Assert.False(fromOld.IsComplete);
        Assert.Empty(fromOld.Items);
        Assert.True(fromNewStart.IsComplete);
        Assert.Equal([4], fromNewStart.Items.Select(e => e.Item.Value));
        Assert.Equal(1, fromNewStart.Items[0].Token.Sequence);
    }

    internal static async Task PublishAsync(IAsyncStream<HistoryItem> stream, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            await stream.OnNextAsync(new HistoryItem(i)).WithTimeout();
        }
    }

    private IAsyncStream<HistoryItem> Stream() =>
        _cluster.Client.GetStreamProvider("sms").GetStream<HistoryItem>(StreamId.Create("history", TestSupport.NewKey()));

    private IStreamRendezvousGrain Rendezvous(IAsyncStream<HistoryItem> stream) =>
        _cluster.GrainFactory.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous(stream.ProviderName, stream.StreamId));
}
