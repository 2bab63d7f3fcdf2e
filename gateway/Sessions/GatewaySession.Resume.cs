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

        /// <summary>More events were missed than the socket's outbound queue holds: replaying them would only close it as a slow consumer again.</summary>
        public const string TooFarBehind = "too_far_behind";

        /// <summary>The history could not be read (the stream grain was unavailable).</summary>
        public const string HistoryUnavailable = "history_unavailable";
    }

    /// <summary>
    /// Delivers what the client missed after <paramref name="after"/> from the stream's history, then the held
    /// live items, then goes live; or sends <c>resync_required</c> and goes live at the current position when
    /// that range is no longer complete. Replay applies the delivery classes: ephemeral events (chunks,
    /// progress indicators) are not replayed, conflatable ones only as the latest per key.
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
                if (!page.HasMore || page.Items.Count == 0)
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
            _repairing = false;
            if (resyncReason is not null)
            {
                ResyncLocked(resyncReason, position);
            }
            else
            {
                _epoch = after.Epoch;
                _lastSeq = after.Sequence;
                var items = collected.ConvertAll(e => new FeedItem(e.Item, e.Token));
                var toDeliver = (replay ? ForReplay(items) : items).ToList();
                if (toDeliver.Count + _pending.Count > Services.Options.OutboundQueueCapacity - Queue.Count)
                {
                    ResyncLocked(ResyncReasons.TooFarBehind, position);
                    collected.Clear();
                    toDeliver.Clear();
                }

                foreach (var item in toDeliver)
                {
                    DeliverLocked(item);
                }

                // Replay may skip items but must not rewind: continue after the last item read.
                if (collected.Count > 0)
                {
                    _lastSeq = Math.Max(_lastSeq, collected[^1].Token.Sequence);
                }
            }

            DrainPendingLocked();
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
