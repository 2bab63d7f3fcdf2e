using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.TestSupport;
using static OrleansRealtime.Gateway.Tests.Sessions.TestEvents;

namespace OrleansRealtime.Gateway.Tests.Sessions;

public sealed class OutboundQueueTests
{
    private long _seq;

    [Fact]
    public void Dequeue_ReturnsMessagesInTheOrderTheyWereQueued()
    {
        var queue = new OutboundQueue(16);
        var sent = new[] { Durable(), Progress("op-1", 1), Ephemeral(), Control() };
        foreach (var message in sent)
        {
            Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(message));
        }

        Assert.Equal(sent, DrainAll(queue));
    }

    [Fact]
    public void Enqueue_FullQueueWithConflatables_KeepsOnlyTheLatestPerKeyAndOrderStaysIncreasing()
    {
        var queue = new OutboundQueue(4);
        var a1 = Progress("op-a", 10);
        var b1 = Progress("op-b", 10);
        var a2 = Progress("op-a", 20);
        var d = Durable();
        foreach (var message in new[] { a1, b1, a2, d })
        {
            queue.Enqueue(message);
        }

        var b2 = Progress("op-b", 20);
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(b2));

        // a1 (superseded by a2) and b1 (replaced by the incoming b2) are gone; b2 goes last.
        var left = DrainAll(queue);
        Assert.Equal([a2, d, b2], left);
        Assert.Equal(2, queue.Shed);
        var seqs = left.Select(m => m.Item!.Token!.Sequence).ToList();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public void Enqueue_FullQueue_DropsQueuedEphemeralMessagesFirst()
    {
        var queue = new OutboundQueue(3);
        var d1 = Durable();
        var chunk = Ephemeral();
        var d2 = Durable();
        queue.Enqueue(d1);
        queue.Enqueue(chunk);
        queue.Enqueue(d2);

        var d3 = Durable();
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(d3));

        Assert.Equal([d1, d2, d3], DrainAll(queue));
        Assert.Equal(1, queue.Shed);
    }

    [Fact]
    public void Enqueue_EphemeralIntoAQueueFullOfDurables_IsDropped()
    {
        var queue = new OutboundQueue(2);
        var queued = new[] { Durable(), Durable() };
        Array.ForEach(queued, m => queue.Enqueue(m));

        Assert.Equal(EnqueueResult.Dropped, queue.Enqueue(Ephemeral()));

        Assert.Equal(1, queue.Shed);
        Assert.Equal(queued, DrainAll(queue));
    }

    [Fact]
    public void Enqueue_DurableIntoAQueueFullOfDurables_IsOverflowAndChangesNothing()
    {
        var queue = new OutboundQueue(2);
        var queued = new[] { Durable(), Control() };
        Array.ForEach(queued, m => queue.Enqueue(m));

        Assert.Equal(EnqueueResult.Overflow, queue.Enqueue(Durable()));
        Assert.Equal(EnqueueResult.Overflow, queue.Enqueue(Control()));

        Assert.Equal(0, queue.Shed);
        Assert.Equal(queued, DrainAll(queue));
    }

    [Fact]
    public void Enqueue_Close_GoesLastEvenWhenFullAndNothingIsQueuedAfterIt()
    {
        var queue = new OutboundQueue(2);
        var queued = new[] { Durable(), Durable() };
        Array.ForEach(queued, m => queue.Enqueue(m));
        var close = OutboundMessage.Close(GatewayCloseCodes.Normal, "bye");

        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(close));
        Assert.Equal(EnqueueResult.Closed, queue.Enqueue(Durable()));
        Assert.Equal(EnqueueResult.Closed, queue.Enqueue(Control()));
        Assert.Equal(EnqueueResult.Closed, queue.Enqueue(OutboundMessage.Close(GatewayCloseCodes.InternalError, "again")));

        Assert.Equal([.. queued, close], DrainAll(queue));
    }

    [Fact]
    public void Enqueue_FullQueue_ReportsWhatEachEnqueueShed()
    {
        var reported = new List<long>();
        var queue = new OutboundQueue(3, reported.Add);
        queue.Enqueue(Progress("op-a", 1));
        queue.Enqueue(Ephemeral());
        queue.Enqueue(Durable());

        queue.Enqueue(Progress("op-a", 2)); // full: the older op-a and the chunk go
        queue.Enqueue(Durable());
        Assert.Equal(EnqueueResult.Dropped, queue.Enqueue(Ephemeral()));

        Assert.Equal([2L, 1L], reported);
        Assert.Equal(3, queue.Shed);
    }

    [Fact]
    public void DiscardAll_EmptiesTheQueueAndCountsWhatItDropped()
    {
        var queue = new OutboundQueue(16);
        queue.Enqueue(Durable());
        queue.Enqueue(Ephemeral());
        queue.Enqueue(Control());

        queue.DiscardAll();

        Assert.Equal(0, queue.Count);
        Assert.Equal(3, queue.Shed);
        var close = OutboundMessage.Close(GatewayCloseCodes.SlowConsumer, "slow");
        queue.Enqueue(close);
        Assert.Equal([close], DrainAll(queue));
    }

    [Fact]
    public async Task WaitAsync_EmptyQueue_CompletesWhenAMessageIsQueued()
    {
        var queue = new OutboundQueue(16);
        var waiting = queue.WaitAsync();
        Assert.False(waiting.IsCompleted);

        queue.Enqueue(Durable());

        await waiting.AsTask().WithTimeout();
        Assert.True(queue.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_ReusedForEveryWait_WakesTheConsumerForEachMessageOfAConcurrentProducer()
    {
        // The wake-up is one reusable value-task source: every park and wake below goes through the same one,
        // with the producer on another thread racing the consumer's re-arm.
        const int count = 20_000;
        var queue = new OutboundQueue(count);
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(Control());
            }
        });

        var received = 0;
        while (received < count)
        {
            await queue.WaitAsync().AsTask().WithTimeout();
            while (queue.TryDequeue(out _))
            {
                received++;
            }
        }

        await producer.WithTimeout();
        Assert.Equal(count, received);
        Assert.False(queue.WaitAsync().IsCompleted);
    }

    private static List<OutboundMessage> DrainAll(OutboundQueue queue)
    {
        var all = new List<OutboundMessage>();
        while (queue.TryDequeue(out var message))
        {
            all.Add(message);
        }

        return all;
    }

    private OutboundMessage Durable() => Stamped(Notification());

    private OutboundMessage Ephemeral() => Stamped(Chunk(0));

    private OutboundMessage Progress(string operationId, int percent) => Stamped(TestEvents.Progress(operationId, percent));

    private static OutboundMessage Control() => OutboundMessage.Control(new byte[] { (byte)'{', (byte)'}' });

    private OutboundMessage Stamped(OrleansRealtime.GrainInterfaces.Events.Envelope envelope) =>
        OutboundMessage.Event(new FeedItem(envelope, new StreamSequenceToken(++_seq, 1)));
}
