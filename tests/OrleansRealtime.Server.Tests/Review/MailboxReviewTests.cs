using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Review;

/// <summary>Review findings about the activation mailbox (ActivationData.TryEnqueue / TakeRunnable / FinishAsync).</summary>
public sealed class MailboxReviewTests
{
    [Fact]
    public async Task AlwaysInterleaveCall_QueuedDuringActivation_StartsWithoutWaitingForBlockedNormalCalls()
    {
        await using var cluster = TestClusters.Builder()
            .WithSetting("Realtime:Messaging:ResponseTimeout", "00:00:05")
            .Build();
        await cluster.DeployAsync().WithTimeout();
        var key = TestSupport.NewKey();
        string a = TestSupport.NewKey("a"), b = TestSupport.NewKey("b");

        // The silo's own factory enqueues synchronously, so all three calls wait in the activating mailbox.
        var grain = cluster.GrainFactory.GetGrain<IReviewSlowActivationGrain>(key);
        var first = grain.Run(a);
        var second = grain.Run(b);
        var ping = grain.Ping();
        Signals.Set($"review-activate:{key}");
        await Signals.Wait($"review-entered:{a}");

        // [AlwaysInterleave] starts at once (docs/runtime.md, Scheduling). It must not queue behind 'second',
        // which itself waits for 'first'.
        var pingFailure = await Record.ExceptionAsync(() => ping.WithTimeout());

        Signals.Set($"review-release:{a}");
        Signals.Set($"review-release:{b}");
        await Task.WhenAny(Task.WhenAll(first, second)).WithTimeout(); // clean-up; they may have timed out
        Assert.Null(pingFailure);
        Assert.Equal("pong", await ping);
    }

    [Fact]
    public async Task CallsFromOneSender_KeepSendOrder_WhenHandedToTheNextActivation()
    {
        var time = new GrainTimerDisposeHookTimeProvider(new FakeTimeProvider());
        await using var cluster = TestClusters.Builder().UseTimeProvider(time).Build();
        await cluster.DeployAsync().WithTimeout();
        var key = TestSupport.NewKey();
        var grain = cluster.GrainFactory.GetGrain<IReviewOrderGrain>(key);
        await grain.StartTimer().WithTimeout();

        var block = grain.Block();
        await Signals.Wait($"review-blocking:{key}");

        // A and B queue behind Block; deactivation then leaves them waiting, to be handed on.
        var a = grain.Record("A");
        var b = grain.Record("B");

        // C is sent after A and B, while the activation deactivates (the hook fires when deactivation
        // disposes the grain's timers). The old activation hands A and B to its successor in the same step
        // that makes it invalid, so C can never get ahead of them.
        Task? c = null;
        time.OnNextGrainTimerDisposed(() => c = grain.Record("C"));
        var deactivated = cluster.DeactivateGrainAsync(grain);

        Signals.Set($"review-unblock:{key}");
        await block.WithTimeout();
        await deactivated.WithTimeout();
        await Task.WhenAll(a, b).WithTimeout();
        Assert.NotNull(c);
        await c.WithTimeout();

        // IMessageSink: "Messages from one sender to one target are delivered in send order."
        Assert.Equal(["A", "B", "C"], ReviewOrderGrain.Log[key].ToArray());
    }
}
