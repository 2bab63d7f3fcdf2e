using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.TestSupport;
using static OrleansRealtime.Gateway.Tests.Sessions.TestEvents;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>Resume from a client's token: replay from history, the held live items after it, and resync_required when the range is gone.</summary>
public sealed class GatewaySessionResumeTests : IDisposable
{
    private readonly SessionHarness _harness = new();

    private ScriptedStream Stream => _harness.Stream;

    private long Epoch => Stream.Position.Epoch;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ResumeAsync_ReplaysHistoryAfterTheTokenThenTheHeldLiveItemsWithoutDuplicates()
    {
        var published = PublishNotifications(5);
        var session = _harness.Connect();
        var clientToken = new StreamSequenceToken(2, Epoch);

        // The subscription raced the publishes: 4 and 5 arrive live as well as in the history.
        session.OnStreamItem(published[3]);
        session.OnStreamItem(published[4]);
        Stream.HoldReads();
        var reading = Stream.ReadStarted;
        var resuming = session.ResumeAsync(clientToken);
        await reading.WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("6"))); // published while the history is read
        Stream.ReleaseReads();
        await resuming.WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("7")));

        var frames = await session.FinishAsync();
        Assert.Equal([3L, 4L, 5L, 6L, 7L], frames.Select(f => f.Seq!.Value));
        Assert.Equal(["3", "4", "5", "6", "7"], frames.Select(f => f.DataString("title")));
        Assert.Equal([clientToken], Stream.Reads);
    }

    [Fact]
    public async Task ResumeAsync_HistorySpanningSeveralPages_ReadsEveryPageInOrder()
    {
        using var harness = new SessionHarness(o => o.ResumePageSize = 2);
        for (var i = 1; i <= 5; i++)
        {
            harness.Stream.Publish(Notification($"{i}"));
        }

        var session = harness.Connect();
        var epoch = harness.Stream.Position.Epoch;

        await session.ResumeAsync(new StreamSequenceToken(0, epoch)).WithTimeout();

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], frames.Select(f => f.Seq!.Value));
        Assert.Equal([0L, 2L, 4L], harness.Stream.Reads.Select(t => t.Sequence));
    }

    [Fact]
    public async Task ResumeAsync_MoreMissedEventsThanTheQueueHolds_PacesTheReplayInsteadOfClosingAsSlow()
    {
        var capacity = _harness.Options.OutboundQueueCapacity;
        var published = PublishNotifications(capacity + 4);
        var session = _harness.Connect();
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.SendControl(new GrainInterfaces.Events.Connection.PongData("first")); // connection_established, say: being written
        await blocked.WithTimeout();

        // The caller (the receive loop) is not held up by the reader's pace.
        await session.ResumeAsync(new StreamSequenceToken(0, Epoch)).WithTimeout();

        Assert.False(session.CloseRequested);
        Assert.Equal(capacity, session.Queue.Count); // the rest of the range waits for room
        var live = Enumerable.Range(0, 5).Select(_ => Stream.Publish(Notification("live"))).ToList();
        live.ForEach(session.OnStreamItem); // held until the replay is through
        session.ReleaseWrites();
        var last = Stream.Publish(Notification("after"));
        session.OnStreamItem(last);
        await session.WaitForSeqAsync(last.Token!.Sequence);

        var frames = await session.FinishAsync();
        Assert.Equal(GatewayCloseCodes.Normal, session.CloseCode);
        Assert.Equal("pong", frames[0].Type);
        Assert.Equal(Enumerable.Range(1, published.Count + live.Count + 1).Select(i => (long)i), frames.Skip(1).Select(f => f.Seq!.Value));
        Assert.Equal(0, _harness.Meters["realtime.gateway.slow_consumers"]);
    }

    [Fact]
    public async Task ResumeAsync_PeerStopsReadingWhileLiveItemsPileUp_ClosesAsASlowConsumer()
    {
        var capacity = _harness.Options.OutboundQueueCapacity;
        PublishNotifications(capacity + 4);
        var session = _harness.Connect();
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.SendControl(new GrainInterfaces.Events.Connection.PongData("first"));
        await blocked.WithTimeout();
        var resuming = session.ResumeAsync(new StreamSequenceToken(0, Epoch));

        for (var i = 0; i <= capacity; i++)
        {
            session.OnStreamItem(Stream.Publish(Notification("live")));
        }

        Assert.True(session.CloseRequested);
        await resuming.WithTimeout();
        session.ReleaseWrites();
        Assert.Equal(GatewayCloseCodes.SlowConsumer, await session.Closed.WithTimeout());
        Assert.Equal(1, _harness.Meters["realtime.gateway.slow_consumers"]);
    }

    [Fact]
    public async Task ResumeAsync_SocketFailsDuringAPacedReplay_ClosesTheSessionAndItsQueue()
    {
        PublishNotifications(_harness.Options.OutboundQueueCapacity + 4);
        var session = _harness.Connect();
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.SendControl(new GrainInterfaces.Events.Connection.PongData("first"));
        await blocked.WithTimeout();
        await session.ResumeAsync(new StreamSequenceToken(0, Epoch)).WithTimeout();
        Assert.False(session.CloseRequested);

        session.BreakWrites();

        await session.Aborted.WithTimeout();
        await session.SendLoop.WithTimeout();
        Assert.True(session.CloseRequested); // which also releases the replay waiting for room
        Assert.Equal(EnqueueResult.Closed, session.Queue.Enqueue(OutboundMessage.Control(new byte[] { (byte)'{', (byte)'}' })));
    }

    [Fact]
    public async Task ResumeAsync_Replay_SkipsEphemeralAndKeepsTheLatestConflatablePerKey()
    {
        Stream.Publish(Progress("op-a", 10)); // 1
        Stream.Publish(Chunk(0)); // 2
        Stream.Publish(Progress("op-b", 50)); // 3
        Stream.Publish(Progress("op-a", 20)); // 4
        Stream.Publish(Chunk(1)); // 5
        Stream.Publish(Notification("done")); // 6
        Stream.Publish(Chunk(2)); // 7: last in the history and skipped: the session must still continue after it
        var session = _harness.Connect();

        await session.ResumeAsync(new StreamSequenceToken(0, Epoch)).WithTimeout();
        session.OnStreamItem(Stream.Publish(Chunk(3))); // 8: live, so delivered
        session.OnStreamItem(Stream.Publish(Progress("op-a", 30))); // 9
        session.OnStreamItem(Stream.Publish(Progress("op-a", 40))); // 10: live progress is not conflated while the queue has room

        var frames = await session.FinishAsync();
        Assert.Equal([3L, 4L, 6L, 8L, 9L, 10L], frames.Select(f => f.Seq!.Value));
        Assert.Equal(["op-b", "op-a"], frames.Take(2).Select(f => f.DataString("operation_id")));
        Assert.Equal(20, frames[1].Data.GetProperty("progress_percentage").GetInt32());
        Assert.Single(Stream.Reads); // no repair after the skipped tail
    }

    [Fact]
    public async Task ResumeAsync_HistoryTrimmed_SendsOneResyncRequiredAtThePositionThenLiveItems()
    {
        var published = PublishNotifications(5);
        Stream.Evict(3);
        var session = _harness.Connect();
        session.OnStreamItem(published[4]); // held: at the position, so covered by the resync

        await session.ResumeAsync(new StreamSequenceToken(1, Epoch)).WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("6")));

        var frames = await session.FinishAsync();
        Assert.Equal(["resync_required", "notification"], frames.Select(f => f.Type));
        AssertResync(frames[0], GatewaySession.ResyncReasons.HistoryTrimmed, new StreamSequenceToken(5, Epoch));
        Assert.Equal(6, frames[1].Seq);
        Assert.Equal(1, _harness.Meters["realtime.gateway.resyncs"]);
    }

    [Fact]
    public async Task ResumeAsync_TokenOfAnotherEpoch_SendsResyncRequiredEpochChanged()
    {
        var oldEpoch = Epoch;
        Stream.Publish(Notification("old"));
        Stream.Restart();
        Stream.Publish(Notification("new 1"));
        Stream.Publish(Notification("new 2"));
        var session = _harness.Connect();

        await session.ResumeAsync(new StreamSequenceToken(1, oldEpoch)).WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("new 3")));

        var frames = await session.FinishAsync();
        Assert.Equal(["resync_required", "notification"], frames.Select(f => f.Type));
        AssertResync(frames[0], GatewaySession.ResyncReasons.EpochChanged, new StreamSequenceToken(2, oldEpoch + 1));
        Assert.Equal((3L, oldEpoch + 1), (frames[1].Seq!.Value, frames[1].Epoch!.Value));
    }

    [Fact]
    public async Task ResumeAsync_TokenAheadOfTheStream_SendsResyncRequiredHistoryTrimmed()
    {
        Stream.Publish(Notification("1"));
        var session = _harness.Connect();

        await session.ResumeAsync(new StreamSequenceToken(9, Epoch)).WithTimeout();

        var frames = await session.FinishAsync();
        AssertResync(Assert.Single(frames), GatewaySession.ResyncReasons.HistoryTrimmed, new StreamSequenceToken(1, Epoch));
    }

    [Fact]
    public async Task ResumeAsync_HistoryReadThrows_SendsResyncRequiredUnavailableAtTheCurrentPosition()
    {
        Stream.Publish(Notification("1"));
        Stream.Publish(Notification("2"));
        Stream.ReadFailure = new TimeoutException("the stream grain did not answer");
        var session = _harness.Connect();

        await session.ResumeAsync(new StreamSequenceToken(1, Epoch)).WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("3")));

        var frames = await session.FinishAsync();
        Assert.Equal(["resync_required", "notification"], frames.Select(f => f.Type));
        AssertResync(frames[0], GatewaySession.ResyncReasons.HistoryUnavailable, new StreamSequenceToken(2, Epoch));
        Assert.Equal(GatewayCloseCodes.Normal, session.CloseCode);
    }

    [Fact]
    public async Task ResumeAsync_HistoryAndPositionBothFail_ClosesWith1011()
    {
        Stream.ReadFailure = new TimeoutException("history");
        Stream.PositionFailure = new TimeoutException("position");
        var session = _harness.Connect();

        await session.ResumeAsync(new StreamSequenceToken(1, Epoch)).WithTimeout();

        Assert.Equal(GatewayCloseCodes.InternalError, await session.Closed.WithTimeout());
        Assert.Empty(session.Frames);
    }

    [Fact]
    public async Task ResumeAsync_ResyncRequired_IsSentWhateverTheSelection()
    {
        Stream.Publish(Notification("1"));
        Stream.Evict(1);
        var session = _harness.Connect();
        session.Filter = _ => false;

        await session.ResumeAsync(new StreamSequenceToken(0, Epoch)).WithTimeout();

        var frames = await session.FinishAsync();
        Assert.Equal("resync_required", Assert.Single(frames).Type);
    }

    [Fact]
    public async Task ResumeAsync_AfterGoLive_IsIgnored()
    {
        Stream.Publish(Notification("1"));
        var session = _harness.Connect();
        Assert.True(session.CanResume);
        session.GoLive(Stream.Position);
        Assert.False(session.CanResume);

        await session.ResumeAsync(new StreamSequenceToken(0, Epoch)).WithTimeout();

        Assert.Empty(await session.FinishAsync());
        Assert.Empty(Stream.Reads);
    }

    private static void AssertResync(SentFrame frame, string reason, StreamSequenceToken position)
    {
        Assert.Equal("resync_required", frame.Type);
        Assert.Null(frame.Seq);
        Assert.Equal(reason, frame.DataString("reason"));
        Assert.Equal(position.Epoch, frame.Data.GetProperty("epoch").GetInt64());
        Assert.Equal(position.Sequence, frame.Data.GetProperty("seq").GetInt64());
    }

    private List<FeedItem> PublishNotifications(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Stream.Publish(Notification($"{i}")))];
}
