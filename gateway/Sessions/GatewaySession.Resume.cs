using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Sessions;

internal abstract partial class GatewaySession
{
    /// <summary>Why a session tells its client to start over (the <c>reason</c> of <c>resync_required</c>).</summary>
    internal static class ResyncReasons
    {
        /// <summary>The stream restarted (its history died with it): the client's epoch is gone.</summary>
        public const string EpochChanged = "epoch_changed";

        /// <summary>The items after the client's <c>last_seq</c> were evicted from the bounded history, or the token is ahead of the stream.</summary>
        public const string HistoryTrimmed = "history_trimmed";

        /// <summary>The history could not be read (the stream grain was unavailable).</summary>
        public const string HistoryUnavailable = "history_unavailable";
    }

    /// <summary>
    /// Delivers what the client missed after <paramref name="after"/> from the stream's history, then the held
    /// live items, then goes live; or sends <c>resync_required</c> and goes live at the current position when
    /// that range is no longer complete. Replay applies the delivery classes: ephemeral events (chunks,
    /// progress indicators) are not replayed, conflatable ones only as the latest per key. Completes when the
    /// range is read and what fits in the queue is queued; a longer range goes on at the reader's pace without
    /// holding up the caller (the receive loop).
    /// </summary>
    public async Task ResumeAsync(StreamSequenceToken after)
    {
        lock (_lock)
        {
            if (_live || _repairing)
            {
                return;
            }

            _repairing = true;
        }

        await RepairAsync(after, replay: true).ConfigureAwait(false);
    }

    /// <summary>A live item skipped ahead or changed epoch: hold live items and fill the range from history.</summary>
    private void StartRepairLocked()
    {
        _repairing = true;
        _live = false;
        Services.Metrics.Repairs.Add(1);
        var from = new StreamSequenceToken(_lastSeq, _epoch);

        // Off the feed's turn: the read is a grain call, and the feed must never wait on a session.
        _ = Task.Run(() => RepairAsync(from, replay: false));
    }

    private async Task RepairAsync(StreamSequenceToken after, bool replay)
    {
        var collected = new List<StreamHistoryEntry<Envelope>>();
        string? resyncReason = null;
        StreamSequenceToken position = after;

        // Up to where the read saw every item the history keeps: the position it ended at, once nothing more was left.
        long vouchedTo = after.Sequence;
        try
        {
            var cursor = after;
            while (true)
            {
                var page = await Stream!.GetItemsAfterAsync(cursor, Services.Options.ResumePageSize).ConfigureAwait(false);
                position = page.Position;
                if (!page.IsComplete)
                {
                    resyncReason = after.Epoch != page.Position.Epoch ? ResyncReasons.EpochChanged : ResyncReasons.HistoryTrimmed;
                    break;
                }

                collected.AddRange(page.Items);
                if (!page.HasMore)
                {
                    vouchedTo = page.Position.Sequence;
                    break;
                }

                if (page.Items.Count == 0)
                {
                    break;
                }

                cursor = page.Items[^1].Token;
            }
        }
        catch (Exception ex)
        {
            LogHistoryReadFailed(Logger, ex, SessionId, UserId);
            resyncReason = ResyncReasons.HistoryUnavailable;
            try
            {
                position = await Stream!.GetPositionAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Nothing to anchor on: close, so the client reconnects and resumes with its own position.
                RequestClose(GatewayCloseCodes.InternalError, "unavailable: reconnect and resume");
                return;
            }
        }

        lock (_lock)
        {
            if (resyncReason is not null)
            {
                _repairing = false;
                ResyncLocked(resyncReason, position);
                DrainPendingLocked();
                return;
            }

            MoveToLocked(after);
            _vouchedTo = vouchedTo;
        }

        var items = collected.ConvertAll(e => new FeedItem(e.Item, e.Token));
        var lastRead = collected.Count > 0 ? collected[^1].Token.Sequence : after.Sequence;

        // Completes at once unless it has to wait for the reader; then it goes on by itself.
        _ = DeliverRangeAsync(replay ? ForReplay(items) : items, lastRead);
    }

    /// <summary>
    /// Delivers a repaired range at the reader's pace, then the held live items, then goes live. A client that
    /// missed more than its queue holds is behind, not slow: closing it with 4000 would only make it resume the
    /// same range again. Live items are held meanwhile; if they outgrow the queue, that closes a reader that
    /// really cannot keep up.
    /// </summary>
    private async Task DeliverRangeAsync(IEnumerable<FeedItem> range, long lastRead)
    {
        foreach (var item in range)
        {
            await Queue.WaitForRoomAsync().ConfigureAwait(false);
            lock (_lock)
            {
                if (_closing)
                {
                    return;
                }

                DeliverLocked(item);
            }
        }

        while (true)
        {
            int held;
            lock (_lock)
            {
                if (_closing)
                {
                    return;
                }

                // The held items go in one step (one of them may start another repair), once they all fit.
                held = _pending.Count;
                if (Services.Options.OutboundQueueCapacity - Queue.Count >= held)
                {
                    _repairing = false;

                    // Replay may skip items but must not rewind: continue after the last item read.
                    _lastSeq = Math.Max(_lastSeq, lastRead);

                    DrainPendingLocked();
                    return;
                }
            }

            await Queue.WaitForRoomAsync(held).ConfigureAwait(false);
        }
    }

    /// <summary>The replayed range as a resuming client should see it: durable events, and the latest of each conflation key.</summary>
    private static IEnumerable<FeedItem> ForReplay(List<FeedItem> items)
    {
        var lastOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ConflationKey is { } key)
            {
                lastOfKey[key] = i;
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var keep = item.Delivery switch
            {
                DeliveryClass.Ephemeral => false,
                DeliveryClass.Conflatable => lastOfKey[item.ConflationKey!] == i,
                _ => true,
            };
            if (keep)
            {
                yield return item;
            }
        }
    }
}
