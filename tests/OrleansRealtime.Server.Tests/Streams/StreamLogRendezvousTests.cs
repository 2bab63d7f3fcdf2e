using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>The rendezvous with a stream log: epoch and sequence survive a restart, appends come before delivery, group commit.</summary>
public sealed class StreamLogRendezvousTests : IAsyncLifetime
{
    private readonly ControlledStreamLog _log = new();
    private readonly InProcessTestCluster _cluster;

    public StreamLogRendezvousTests()
    {
        // A small memory history, so reads across the restart and beyond it need the log.
        _cluster = TestClusters.Builder()
            .ConfigureSilo(silo => silo.Services.AddSingleton<IStreamLog>(_log))
            .WithSetting("Realtime:Streams:HistoryCapacity", "3")
            .WithSetting("Realtime:Streams:LogSequenceReservation", "100")
            .Build();
    }

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task AfterASiloRestart_TheStreamKeepsItsEpoch_ContinuesTheSequence_AndReadsAcrossTheRestartHaveNoGap()
    {
        var stream = Stream<LoggedItem>();
        for (int i = 1; i <= 5; i++)
        {
            await stream.OnNextAsync(new LoggedItem(i)).WithTimeout();
        }

        var before = await stream.GetPositionAsync().WithTimeout();
        await _cluster.RestartSiloAsync().WithTimeout();
        var after = await stream.GetPositionAsync().WithTimeout();
        for (int i = 6; i <= 10; i++)
        {
            await stream.OnNextAsync(new LoggedItem(i)).WithTimeout();
        }

        Assert.Equal(before, after);
        Assert.Equal(new StreamSequenceToken(10, before.Epoch), await stream.GetPositionAsync().WithTimeout());
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, before.Epoch), pageSize: 4);
        Assert.Equal(Enumerable.Range(1, 10), read.Select(e => e.Item.Value));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), read.Select(e => e.Token.Sequence));
        Assert.All(read, e => Assert.Equal(before.Epoch, e.Token.Epoch));
    }

    [Fact]
    public async Task UnloggedItems_TakeSequenceNumbers_ThatARestartNeverHandsOutAgain()
    {
        var stream = Stream<LoggedItem>();
        await stream.OnNextAsync(new LoggedItem(1)).WithTimeout();
        await stream.OnNextAsync(new LoggedItem(2, PersistInLog: false)).WithTimeout();
        await stream.OnNextAsync(new LoggedItem(3, PersistInLog: false)).WithTimeout();
        var before = await stream.GetPositionAsync().WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();
        await stream.OnNextAsync(new LoggedItem(4)).WithTimeout();

        var position = await stream.GetPositionAsync().WithTimeout();
        Assert.Equal(before.Epoch, position.Epoch);
        Assert.True(position.Sequence > before.Sequence, $"{position.Sequence} must be after {before.Sequence}");
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, before.Epoch), pageSize: 10);
        Assert.Equal([1, 4], read.Select(e => e.Item.Value));

        // Only the durable items were written: the ephemeral ones fitted in the reservation of the first batch.
        Assert.Equal([1, 1], _log.AppendedBatches);
    }

    [Fact]
    public async Task WhenTheAppendFails_ThePublishFails_NothingIsDelivered_AndTheSequenceIsNotConsumed()
    {
        var stream = Stream<LoggedItem>();
        var live = Channel.CreateUnbounded<StreamSequenceToken>();
        await stream.SubscribeAsync((_, token) => live.Writer.WriteAsync(token!).AsTask()).WithTimeout();
        await stream.OnNextAsync(new LoggedItem(1)).WithTimeout();
        Assert.Equal(1, (await live.Reader.ReadAsync().AsTask().WithTimeout()).Sequence);

        _log.FailAppends = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new LoggedItem(2)).WithTimeout());
        Assert.Equal(1, (await stream.GetPositionAsync().WithTimeout()).Sequence);

        _log.FailAppends = false;
        await stream.OnNextAsync(new LoggedItem(3)).WithTimeout();

        var next = await live.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal(2, next.Sequence);
        Assert.False(live.Reader.TryRead(out _));
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, next.Epoch), pageSize: 10);
        Assert.Equal([1, 3], read.Select(e => e.Item.Value));
    }

    [Fact]
    public async Task WhenAnAppendCommittedButDidNotAnswer_TheStreamGoesOnAfterIt_AndReadersFindIt()
    {
        var stream = Stream<LoggedItem>();
        await stream.OnNextAsync(new LoggedItem(1)).WithTimeout();

        _log.FailAfterCommit = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new LoggedItem(2)).WithTimeout());
        _log.FailAfterCommit = false;
        await stream.OnNextAsync(new LoggedItem(3)).WithTimeout();

        var position = await stream.GetPositionAsync().WithTimeout();
        Assert.Equal(3, position.Sequence);
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, position.Epoch), pageSize: 10);
        Assert.Equal([1, 2, 3], read.Select(e => e.Item.Value));
        Assert.Equal([1L, 2, 3], read.Select(e => e.Token.Sequence));
    }

    [Fact]
    public async Task ARetryOfAnItemAKilledActivationLoggedButNeverAcknowledged_GetsTheLoggedToken_AndIsNotAppendedAgain()
    {
        var stream = Stream<IdentifiedItem>();
        await stream.OnNextAsync(new IdentifiedItem("first", 1)).WithTimeout();

        // The append commits but its answer is lost, and the silo goes before the producer's retry: the activation
        // that retry meets knows the item only from the log.
        _log.FailAfterCommit = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout());
        _log.FailAfterCommit = false;
        await _cluster.RestartSiloAsync().WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("first", 1)).WithTimeout();
        var afterTheRetries = await stream.GetPositionAsync().WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("third", 3)).WithTimeout();

        Assert.Equal(2, afterTheRetries.Sequence);
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, afterTheRetries.Epoch), pageSize: 10);
        Assert.Equal(["first", "second", "third"], read.Select(e => e.Item.Id));
        Assert.Equal([1L, 2, 3], read.Select(e => e.Token.Sequence));
    }

    [Fact]
    public async Task ARetryOfAnItemWhoseAppendCommittedButDidNotAnswer_GetsItsToken_WithoutARestart()
    {
        var stream = Stream<IdentifiedItem>();
        var live = Channel.CreateUnbounded<StreamSequenceToken>();
        await stream.SubscribeAsync((_, token) => live.Writer.WriteAsync(token!).AsTask()).WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("first", 1)).WithTimeout();

        _log.FailAfterCommit = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout());
        _log.FailAfterCommit = false;
        await stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout();

        var position = await stream.GetPositionAsync().WithTimeout();
        Assert.Equal(2, position.Sequence);
        Assert.Equal([1, 1], _log.AppendedBatches);
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, position.Epoch), pageSize: 10);
        Assert.Equal(["first", "second"], read.Select(e => e.Item.Id));
        Assert.Equal(1, (await live.Reader.ReadAsync().AsTask().WithTimeout()).Sequence);
        Assert.False(live.Reader.TryRead(out _));
    }

    [Fact]
    public async Task WhenReadingTheCommittedIdsFails_TheNextRetryReadsThemAgain_AndIsNotAppendedTwice()
    {
        var stream = Stream<IdentifiedItem>();
        await stream.OnNextAsync(new IdentifiedItem("first", 1)).WithTimeout();

        _log.FailAfterCommit = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout());
        _log.FailAfterCommit = false;

        // The first retry finds the append committed but cannot read its ids: it fails without moving the head,
        // so the second retry reconciles again instead of taking the item for new.
        _log.FailIdReads = true;
        await Assert.ThrowsAsync<StreamLogException>(() => stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout());
        _log.FailIdReads = false;
        await stream.OnNextAsync(new IdentifiedItem("second", 2)).WithTimeout();

        var position = await stream.GetPositionAsync().WithTimeout();
        Assert.Equal(2, position.Sequence);
        Assert.Equal([1, 1], _log.AppendedBatches);
        var read = await ReadAllAsync(stream, new StreamSequenceToken(0, position.Epoch), pageSize: 10);
        Assert.Equal(["first", "second"], read.Select(e => e.Item.Id));
    }

    [Fact]
    public async Task PublishesThatQueueWhileAnAppendIsInFlight_AreAppendedTogether_InOrder()
    {
        const int Count = 50;
        var stream = Stream<LoggedItem>();
        var live = Channel.CreateUnbounded<StreamHistoryEntry<LoggedItem>>();
        await stream.SubscribeAsync((item, token) => live.Writer.WriteAsync(new(item, token!)).AsTask()).WithTimeout();

        _log.Hold();
        var first = stream.OnNextAsync(new LoggedItem(0));
        await _log.Held.WithTimeout();

        // Published in this order, each handed to the rendezvous before the next: they queue behind the held append.
        var rest = new List<Task>();
        var rendezvous = _cluster.Client.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous(stream.ProviderName, stream.StreamId));
        for (int i = 1; i <= Count; i++)
        {
            rest.Add(stream.OnNextAsync(new LoggedItem(i)));
        }

        // A reentrant grain starts one sender's calls in arrival order, and a publish queues its item when it
        // starts: once this call is answered, every publish above is queued behind the held append.
        Assert.Equal(0, (await rendezvous.GetPositionAsync().WithTimeout()).Sequence);
        _log.Release();
        await first.WithTimeout();
        await Task.WhenAll(rest).WithTimeout();

        var delivered = new List<StreamHistoryEntry<LoggedItem>>();
        for (int i = 0; i <= Count; i++)
        {
            delivered.Add(await live.Reader.ReadAsync().AsTask().WithTimeout());
        }

        Assert.Equal(Enumerable.Range(1, Count + 1).Select(i => (long)i), delivered.Select(e => e.Token.Sequence));
        Assert.Equal(Count + 1, _log.AppendedBatches.Sum());
        Assert.True(_log.AppendedBatches.Count < Count / 2, $"{_log.AppendedBatches.Count} appends for {Count + 1} items");
        var logged = await ReadAllAsync(stream, new StreamSequenceToken(0, delivered[0].Token.Epoch), pageSize: 100);
        Assert.Equal(delivered.Select(e => e.Item), logged.Select(e => e.Item));
    }

    private static async Task<List<StreamHistoryEntry<T>>> ReadAllAsync<T>(IAsyncStream<T> stream, StreamSequenceToken from, int pageSize)
    {
        var all = new List<StreamHistoryEntry<T>>();
        var after = from;
        while (true)
        {
            var page = await stream.GetItemsAfterAsync(after, pageSize).WithTimeout();
            Assert.True(page.IsComplete, $"the read after {after} is incomplete");
            all.AddRange(page.Items);
            if (!page.HasMore || page.Items.Count == 0)
            {
                return all;
            }

            after = page.Items[^1].Token;
        }
    }

    private IAsyncStream<T> Stream<T>() =>
        _cluster.Client.GetStreamProvider("sms").GetStream<T>(StreamId.Create("logged", TestSupport.NewKey()));
}
