using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>Subscribe, then read the history: the two merge by sequence without a gap or a duplicate.</summary>
public sealed class StreamResumeTests : IAsyncLifetime
{
    private readonly InProcessTestCluster _cluster = TestClusters.Builder().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ResumesWhileAPublisherRuns_DeliverEverySequenceAfterTheirToken_OnceAndInOrder()
    {
        const int Count = 400;
        const int Milestones = 4;
        var stream = Stream();
        var start = await stream.GetPositionAsync().WithTimeout();
        var reached = Enumerable.Range(0, Milestones).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var publisher = Task.Run(async () =>
        {
            for (int i = 1; i <= Count; i++)
            {
                await stream.OnNextAsync(new HistoryItem(i));
                if (i % (Count / (Milestones + 1)) == 0 && i / (Count / (Milestones + 1)) <= Milestones)
                {
                    reached[(i / (Count / (Milestones + 1))) - 1].TrySetResult();
                }
            }
        });

        // One client resumes from the start of the epoch as publishing begins; the others each time the
        // publisher passes a milestone, from half-way back (what they last saw), so history and live overlap.
        var resumes = new List<(StreamSequenceToken From, Task<ResumingConsumer<HistoryItem>?> Consumer)>
        {
            (start, ResumingConsumer<HistoryItem>.ResumeAsync(stream, start, pageSize: 7)),
        };
        foreach (var milestone in reached)
        {
            await milestone.Task.WithTimeout();
            var position = await stream.GetPositionAsync().WithTimeout();
            var from = position with { Sequence = position.Sequence / 2 };
            resumes.Add((from, ResumingConsumer<HistoryItem>.ResumeAsync(stream, from, pageSize: 7)));
        }

        await publisher.WithTimeout();
        var end = await stream.GetPositionAsync().WithTimeout();

        Assert.Equal(Count, end.Sequence);
        foreach (var (from, resuming) in resumes)
        {
            var consumer = await resuming.WithTimeout();
            Assert.NotNull(consumer);
            await consumer.WaitForAsync(end.Sequence).WithTimeout();
            var delivered = consumer.Delivered;
            var expected = Enumerable.Range((int)from.Sequence + 1, Count - (int)from.Sequence).ToArray();
            Assert.Equal(expected, delivered.Select(e => (int)e.Token.Sequence));
            Assert.Equal(expected, delivered.Select(e => e.Item.Value));
            Assert.All(delivered, e => Assert.Equal(start.Epoch, e.Token.Epoch));
        }
    }

    [Fact]
    public async Task AnItemWhoseDeliveryIsInFlightWhenAConsumerSubscribes_IsInTheHistoryThatConsumerReads()
    {
        var stream = Stream();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await stream.SubscribeAsync((item, _) =>
        {
            if (item.Value != 2)
            {
                return Task.CompletedTask;
            }

            blocked.TrySetResult();
            return gate.Task;
        }).WithTimeout();
        await stream.OnNextAsync(new HistoryItem(1)).WithTimeout();
        var lastSeen = await stream.GetPositionAsync().WithTimeout();

        // Item 2 is numbered and its subscriber list fixed; its delivery now waits on the first subscriber.
        var publishing = stream.OnNextAsync(new HistoryItem(2));
        await blocked.Task.WithTimeout();
        var resuming = ResumingConsumer<HistoryItem>.ResumeAsync(stream, lastSeen, pageSize: 10);
        var consumer = await resuming.WithTimeout();
        gate.SetResult();
        await publishing.WithTimeout();
        await stream.OnNextAsync(new HistoryItem(3)).WithTimeout();

        Assert.NotNull(consumer);
        await consumer.WaitForAsync(3).WithTimeout();
        Assert.Equal([2, 3], consumer.Delivered.Select(e => e.Item.Value));
        Assert.Equal([2L, 3L], consumer.Delivered.Select(e => e.Token.Sequence));
    }

    [Fact]
    public async Task ResumeAfterTheEpochChanged_IsRefused()
    {
        var stream = Stream();
        await StreamHistoryTests.PublishAsync(stream, 2);
        var lastSeen = await stream.GetPositionAsync().WithTimeout();
        await _cluster.RestartSiloAsync().WithTimeout();

        var consumer = await ResumingConsumer<HistoryItem>.ResumeAsync(stream, lastSeen, pageSize: 10).WithTimeout();

        Assert.Null(consumer);
    }

    private IAsyncStream<HistoryItem> Stream() =>
        _cluster.Client.GetStreamProvider("sms").GetStream<HistoryItem>(StreamId.Create("resume", TestSupport.NewKey()));
}
