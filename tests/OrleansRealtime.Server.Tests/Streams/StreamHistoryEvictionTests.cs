using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>History bounded by count (3 here) and age (1 minute here): a resume from before an eviction is refused.</summary>
public sealed class StreamHistoryEvictionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public StreamHistoryEvictionTests() => _cluster = TestClusters.Builder()
        .UseTimeProvider(_time)
        .WithSetting("Realtime:Streams:HistoryCapacity", "3")
        .WithSetting("Realtime:Streams:HistoryMaxAge", "00:01:00")
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task CapacityEviction_MakesAResumeFromBeforeTheEvictedItemIncomplete()
    {
        var stream = Stream();
        await StreamHistoryTests.PublishAsync(stream, 5);
        var epoch = (await stream.GetPositionAsync().WithTimeout()).Epoch;

        var fromEvicted = await stream.GetItemsAfterAsync(new StreamSequenceToken(1, epoch), 10).WithTimeout();
        var fromOldestKept = await stream.GetItemsAfterAsync(new StreamSequenceToken(2, epoch), 10).WithTimeout();

        Assert.False(fromEvicted.IsComplete);
        Assert.Empty(fromEvicted.Items);
        Assert.Equal(5, fromEvicted.Position.Sequence);
        Assert.True(fromOldestKept.IsComplete);
        Assert.Equal([3, 4, 5], fromOldestKept.Items.Select(e => e.Item.Value));
    }

    [Fact]
    public async Task ItemsThatOptOut_TakeNoRoomInTheHistory()
    {
        var stream = Stream();
        await stream.OnNextAsync(new HistoryItem(1)).WithTimeout();
        for (int i = 2; i <= 5; i++)
        {
            await stream.OnNextAsync(new HistoryItem(i, RetainInHistory: false)).WithTimeout();
        }

        await stream.OnNextAsync(new HistoryItem(6)).WithTimeout();
        var epoch = (await stream.GetPositionAsync().WithTimeout()).Epoch;

        var history = await stream.GetItemsAfterAsync(new StreamSequenceToken(0, epoch), 10).WithTimeout();

        Assert.True(history.IsComplete);
        Assert.Equal([1L, 6L], history.Items.Select(e => e.Token.Sequence));
    }

    [Fact]
    public async Task AgeEviction_MakesAResumeFromBeforeTheExpiredItemIncomplete()
    {
        var stream = Stream();
        await stream.OnNextAsync(new HistoryItem(1)).WithTimeout();
        _time.Advance(TimeSpan.FromSeconds(40));
        await stream.OnNextAsync(new HistoryItem(2)).WithTimeout();
        var epoch = (await stream.GetPositionAsync().WithTimeout()).Epoch;

        _time.Advance(TimeSpan.FromSeconds(40));
        var fromStart = await stream.GetItemsAfterAsync(new StreamSequenceToken(0, epoch), 10).WithTimeout();
        var afterExpired = await stream.GetItemsAfterAsync(new StreamSequenceToken(1, epoch), 10).WithTimeout();

        Assert.False(fromStart.IsComplete);
        Assert.True(afterExpired.IsComplete);
        Assert.Equal([2], afterExpired.Items.Select(e => e.Item.Value));
    }

    private IAsyncStream<HistoryItem> Stream() =>
        _cluster.Client.GetStreamProvider("sms").GetStream<HistoryItem>(StreamId.Create("eviction", TestSupport.NewKey()));
}
