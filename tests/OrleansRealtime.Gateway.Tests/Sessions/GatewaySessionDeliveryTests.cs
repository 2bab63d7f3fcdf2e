using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Events.Connection;
using static OrleansRealtime.Gateway.Tests.Sessions.TestEvents;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>Live delivery: held items, ordering by seq, gap repair, epochs, exclusion, control frames and the slow consumer.</summary>
public sealed class GatewaySessionDeliveryTests : IDisposable
{
    private readonly SessionHarness _harness = new();

    private ScriptedStream Stream => _harness.Stream;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GoLive_ItemsHeldBeforeIt_AreDeliveredAfterThePositionWithoutDuplicates()
    {
        var session = _harness.Connect();
        Stream.Publish(Notification("1"));
        var early = new[] { Stream.Publish(Notification("2")), Stream.Publish(Notification("3")) };
        foreach (var item in early)
        {
            session.OnStreamItem(item); // the subscription saw them before the position was read
        }

        var position = Stream.Position;
        session.OnStreamItem(Stream.Publish(Notification("4")));
        session.OnStreamItem(Stream.Publish(Notification("5")));
        Assert.Empty(session.Frames);

        session.GoLive(position);
        session.OnStreamItem(Stream.Publish(Notification("6")));

        var frames = await session.FinishAsync();
        Assert.Equal([4L, 5L, 6L], frames.Select(f => f.Seq!.Value));
        Assert.All(frames, f => Assert.Equal(Stream.Position.Epoch, f.Epoch));
        Assert.Empty(Stream.Reads);
    }

    [Fact]
    public async Task OnStreamItem_AfterGoLive_DropsItemsAtOrBelowTheLastSeq()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        var first = Stream.Publish(Notification("1"));
        var second = Stream.Publish(Notification("2"));

        session.OnStreamItem(first);
        session.OnStreamItem(second);
        session.OnStreamItem(first);
        session.OnStreamItem(second);

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L], frames.Select(f => f.Seq!.Value));
    }

    [Fact]
    public async Task OnStreamItem_ThatSkipsASeq_RepairsTheGapFromHistoryInOrder()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));
        Stream.Publish(Notification("2")); // lost between the stream and the feed
        Stream.Publish(Chunk(0)); // lost too; ephemeral, so the history never had it
        var fourth = Stream.Publish(Notification("4"));

        session.OnStreamItem(fourth);
        await session.WaitForSeqAsync(4);
        session.OnStreamItem(fourth); // the feed's own copy arrives again: still a duplicate
        session.OnStreamItem(Stream.Publish(Notification("5")));

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L, 4L, 5L], frames.Select(f => f.Seq!.Value));
        Assert.Equal([new StreamSequenceToken(1, Stream.Position.Epoch)], Stream.Reads);
        Assert.Equal(1, _harness.Meters["realtime.gateway.gap_repairs"]);
    }

    [Fact]
    public async Task OnStreamItem_AfterALostEphemeralItem_IsDeliveredAfterOneRead_ThoughTheHistoryNeverHadEither()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Chunk(0)));
        Stream.Publish(Chunk(1)); // lost between the stream and the feed
        var third = Stream.Publish(Chunk(2)); // skips ahead, and the read cannot return it: the read vouches for it

        session.OnStreamItem(third);
        await session.WaitForSeqAsync(3);
        session.OnStreamItem(Stream.Publish(Chunk(3)));
        session.OnStreamItem(Stream.Publish(Notification("5")));
        session.OnStreamPosition(Stream.Position); // nothing is missing: no read

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 3L, 4L, 5L], frames.Select(f => f.Seq!.Value));
        Assert.Equal([new StreamSequenceToken(1, Stream.Position.Epoch)], Stream.Reads);
    }

    [Fact]
    public async Task OnStreamPosition_PastLostEphemeralItems_ReadsOnce_AndALateOneIsStillDelivered()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));
        Stream.Publish(Chunk(0)); // 2: lost
        var late = Stream.Publish(Chunk(1)); // 3: still on its way when the position is read
        Stream.Publish(Chunk(2)); // 4: lost, and the stream goes quiet

        session.OnStreamPosition(Stream.Position);
        session.OnStreamItem(late); // held while the read runs, or after it; either way within what it vouched for
        await session.WaitForSeqAsync(3);
        session.OnStreamPosition(Stream.Position); // 4 is an item the history does not keep: nothing to read
        session.OnStreamItem(Stream.Publish(Chunk(3))); // 5 follows the vouched range
        session.OnStreamItem(Stream.Publish(Notification("6")));

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 3L, 5L, 6L], frames.Select(f => f.Seq!.Value));
        Assert.Equal([new StreamSequenceToken(1, Stream.Position.Epoch)], Stream.Reads);
    }

    [Fact]
    public async Task OnStreamItem_WhileRepairing_IsHeldAndDeliveredAfterTheRepairedRange()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));
        Stream.Publish(Notification("2"));
        Stream.HoldReads();
        var reading = Stream.ReadStarted;

        session.OnStreamItem(Stream.Publish(Notification("3")));
        await reading.WithTimeout();
        session.OnStreamItem(Stream.Publish(Notification("4")));
        session.OnStreamItem(Stream.Publish(Notification("5")));
        Stream.ReleaseReads();
        await session.WaitForSeqAsync(5);

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], frames.Select(f => f.Seq!.Value));
        Assert.Single(Stream.Reads);
    }

    [Fact]
    public async Task OnStreamItem_OfANewerEpoch_SendsResyncRequiredThenDeliversLiveItemsAfterIt()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));
        var oldEpoch = Stream.Position.Epoch;
        Stream.Restart();

        session.OnStreamItem(Stream.Publish(Notification("new 1")));
        await session.WaitForTypeAsync("resync_required");
        session.OnStreamItem(Stream.Publish(Notification("new 2")));

        var frames = await session.FinishAsync();
        Assert.Equal(["notification", "resync_required", "notification"], frames.Select(f => f.Type));
        var resync = frames[1].Data;
        Assert.Equal(GatewaySession.ResyncReasons.EpochChanged, resync.GetProperty("reason").GetString());
        Assert.Equal(oldEpoch + 1, resync.GetProperty("epoch").GetInt64());
        Assert.Equal(1, resync.GetProperty("seq").GetInt64());
        Assert.Equal((2L, oldEpoch + 1), (frames[2].Seq!.Value, frames[2].Epoch!.Value));
        Assert.Equal(1, _harness.Meters["realtime.gateway.resyncs"]);
    }

    [Fact]
    public async Task OnStreamItem_OfAnOlderEpoch_IsDroppedWithoutARepair()
    {
        var session = _harness.Connect();
        var epoch = Stream.Position.Epoch;
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));

        session.OnStreamItem(new FeedItem(Notification("stale"), new StreamSequenceToken(40, epoch - 1)));
        session.OnStreamItem(Stream.Publish(Notification("2")));

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L], frames.Select(f => f.Seq!.Value));
        Assert.All(frames, f => Assert.Equal(epoch, f.Epoch));
        Assert.Empty(Stream.Reads);
    }

    [Fact]
    public async Task OnStreamItem_ExcludingThisSession_IsNotSentButAdvancesThePosition()
    {
        var session = _harness.Connect();
        var other = _harness.Connect();
        session.GoLive(Stream.Position);
        other.GoLive(Stream.Position);
        var typing = Stream.Publish(Event("typing", """{"is_typing":true}""", excludeSessionId: session.SessionId));
        var next = Stream.Publish(Notification("2"));

        foreach (var target in new[] { session, other })
        {
            target.OnStreamItem(typing);
            target.OnStreamItem(next);
        }

        Assert.Equal([2L], (await session.FinishAsync()).Select(f => f.Seq!.Value));
        Assert.Equal([1L, 2L], (await other.FinishAsync()).Select(f => f.Seq!.Value));
        Assert.Empty(Stream.Reads);
    }

    [Fact]
    public async Task OnStreamItem_FilteredOut_IsNotSentButAdvancesThePosition()
    {
        var session = _harness.Connect();
        session.Filter = item => item.Envelope.Type != "sync_progress";
        session.GoLive(Stream.Position);

        session.OnStreamItem(Stream.Publish(Progress("op-1", 10)));
        session.OnStreamItem(Stream.Publish(Notification("2")));

        Assert.Equal([2L], (await session.FinishAsync()).Select(f => f.Seq!.Value));
        Assert.Empty(Stream.Reads);
    }

    [Fact]
    public async Task OnBroadcast_CarriesNoSeqAndNeverTriggersARepair()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);

        session.OnBroadcast(new FeedItem(Event("system_announcement", """{"message":"hi"}"""), token: null));
        session.OnStreamItem(Stream.Publish(Notification("1")));

        var frames = await session.FinishAsync();
        Assert.Equal(["system_announcement", "notification"], frames.Select(f => f.Type));
        Assert.Null(frames[0].Seq);
        Assert.Empty(Stream.Reads);
    }

    [Fact]
    public async Task SendControl_IsDeliveredWhateverTheSelection()
    {
        var session = _harness.Connect();
        session.Filter = _ => false;
        session.GoLive(Stream.Position);

        session.OnStreamItem(Stream.Publish(Notification("1")));
        session.SendControl(new PongData("ping-1"), "ping-1");

        var frames = await session.FinishAsync();
        var pong = Assert.Single(frames);
        Assert.Equal("pong", pong.Type);
        Assert.Equal("ping-1", pong.Id);
        Assert.Equal("ping-1", pong.DataString("client_id"));
    }

    [Fact]
    public async Task Push_DurableIntoAFullQueue_ClosesWith4000AndCountsASlowConsumer()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.OnStreamItem(Stream.Publish(Notification("in flight")));
        await blocked.WithTimeout();

        for (var i = 0; i < _harness.Options.OutboundQueueCapacity; i++)
        {
            session.OnStreamItem(Stream.Publish(Notification($"queued {i}")));
        }

        Assert.False(session.CloseRequested);
        session.OnStreamItem(Stream.Publish(Notification("one too many")));

        Assert.True(session.CloseRequested);
        session.ReleaseWrites();
        Assert.Equal(GatewayCloseCodes.SlowConsumer, await session.Closed.WithTimeout());
        await session.SendLoop.WithTimeout();
        Assert.Equal(GatewayCloseCodes.SlowConsumer, session.CloseCode);
        Assert.Equal([1L], session.Frames.Select(f => f.Seq!.Value)); // what was queued was discarded: the client resumes
        Assert.Equal(1, _harness.Meters["realtime.gateway.slow_consumers"]);
    }

    [Fact]
    public async Task Push_EphemeralIntoAFullQueue_IsShedAndTheSessionStaysOpen()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.OnStreamItem(Stream.Publish(Notification("in flight")));
        await blocked.WithTimeout();
        for (var i = 0; i < _harness.Options.OutboundQueueCapacity; i++)
        {
            session.OnStreamItem(Stream.Publish(Notification($"queued {i}")));
        }

        session.OnStreamItem(Stream.Publish(Chunk(0)));

        Assert.False(session.CloseRequested);
        Assert.Equal(1, _harness.Meters["realtime.gateway.messages_shed"]);
        session.ReleaseWrites();
        var frames = await session.FinishAsync();
        Assert.Equal(Enumerable.Range(1, 17).Select(i => (long)i), frames.Select(f => f.Seq!.Value));
        Assert.Equal(GatewayCloseCodes.Normal, session.CloseCode);
    }

    [Fact]
    public async Task Push_FullQueueConflatesOlderProgress_CountsEveryShedMessageInTheMetrics()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.OnStreamItem(Stream.Publish(Notification("in flight")));
        await blocked.WithTimeout();
        for (var i = 0; i < _harness.Options.OutboundQueueCapacity; i++)
        {
            session.OnStreamItem(Stream.Publish(Progress("op-a", i)));
        }

        session.OnStreamItem(Stream.Publish(Progress("op-a", 99)));

        Assert.Equal(_harness.Options.OutboundQueueCapacity, _harness.Meters["realtime.gateway.messages_shed"]);
        session.ReleaseWrites();
        var frames = await session.FinishAsync();
        Assert.Equal(["notification", "sync_progress"], frames.Select(f => f.Type));
        Assert.Equal(99, frames[1].Data.GetProperty("progress_percentage").GetInt32());
    }

    [Fact]
    public async Task Offer_MoreHeldItemsThanTheQueueHolds_ClosesAsASlowConsumer()
    {
        var session = _harness.Connect();

        for (var i = 0; i <= _harness.Options.OutboundQueueCapacity; i++)
        {
            session.OnStreamItem(Stream.Publish(Notification($"held {i}")));
        }

        Assert.Equal(GatewayCloseCodes.SlowConsumer, await session.Closed.WithTimeout());
        Assert.Empty(session.Frames);
        Assert.Equal(1, _harness.Meters["realtime.gateway.slow_consumers"]);
    }

    [Fact]
    public async Task Drain_SendsReconnectThenCloses1012()
    {
        var session = _harness.Connect();
        session.GoLive(Stream.Position);
        session.OnStreamItem(Stream.Publish(Notification("1")));

        session.Drain();

        Assert.Equal(GatewayCloseCodes.ServiceRestart, await session.Closed.WithTimeout());
        Assert.Equal(["notification", "reconnect"], session.Frames.Select(f => f.Type));
        Assert.Equal(_harness.Options.DrainRetryAfterMs, session.Frames[1].Data.GetProperty("retry_after_ms").GetInt32());
    }

    [Fact]
    public async Task Drain_PeerStopsReading_AbortsTheSocketAtTheDrainTimeoutOfTheInjectedClock()
    {
        using var harness = new SessionHarness(o => o.DrainTimeout = TimeSpan.FromHours(1));
        var session = harness.Connect();
        session.GoLive(harness.Stream.Position);
        session.BlockWrites();
        var blocked = session.WriteBlocked;
        session.OnStreamItem(harness.Stream.Publish(Notification("never read")));
        await blocked.WithTimeout();

        session.Drain();
        harness.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.False(session.Aborted.IsCompleted);

        harness.Time.Advance(TimeSpan.FromTicks(1));
        await session.Aborted.WithTimeout();
        await session.SendLoop.WithTimeout();
        Assert.False(session.Closed.IsCompleted);
    }
}
