using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// The rendezvous with a stream log: the epoch and sequence survive the activation, durable items are in the
/// log before anyone sees them, and reads the memory no longer covers are answered from the log.
/// <para>
/// <b>Group commit.</b> A publish queues its item and waits for <see cref="_publishing"/>; whoever holds it
/// takes everything queued (up to <see cref="StreamOptions.LogBatchSize"/>, in arrival order), appends the
/// durable items in one call, and only then numbers, keeps and delivers each item in order, exactly as an
/// unlogged publish does (one synchronous step per item). Publishes that queue while that append is in flight
/// go together in the next one. So an acknowledged durable item is always in the log, and nothing is
/// delivered that the log may lose.
/// </para>
/// <para>
/// <b>Failure.</b> If the append fails, every publish of the batch fails and nothing of it is delivered or
/// becomes the position; the sequence numbers are not consumed. The outcome may be unknown (a timeout), so the
/// next batch first reads the log's head: if the failed append did commit, the stream goes on after it, and
/// its items, never delivered live, are found by readers in the log (a gap that subscribers repair), and their ids
/// are read back from it, so a producer's retry of one of them gets its token instead of a second copy. A
/// re-activation that continues the epoch reads the newest logged ids the same way: what a killed activation
/// appended but never acknowledged is retried by its producer and recognized.
/// </para>
/// <para>
/// <b>Unlogged items</b> (ephemeral, see <see cref="IStreamLogItem"/>) still take a sequence number. So that
/// a re-activation never hands out a number already delivered, the stream reserves numbers in the log's head
/// ahead of them (<see cref="StreamOptions.LogSequenceReservation"/>); a re-activation goes on after the
/// reservation, which is a jump in the sequence, never a reuse.
/// </para>
/// </summary>
internal sealed partial class StreamRendezvousGrain
{
    /// <summary>How many logged items a stream appends between two trims of its log.</summary>
    private const int TrimEveryLoggedItems = 1000;

    private readonly Queue<QueuedPublish> _queued = new();
    private long _logHead;
    private bool _logUncertain;
    private int _loggedSinceTrim;
    private bool _trimming;

    private StreamLogKey LogKey => new(_provider, _streamId);

    /// <summary>Continues the log's epoch when it is this stream's last one; otherwise starts a new epoch and opens it in the log.</summary>
    private async Task ActivateFromLogAsync(CancellationToken cancellationToken)
    {
        var head = await _log!.ReadHeadAsync(LogKey, cancellationToken);
        if (head is not null && head.Epoch == state.State.LastEpoch)
        {
            _epoch = head.Epoch;
            _sequence = head.LastSequence;
            _logHead = head.LastSequence;
            _history.Restart(_sequence + 1);
            await RememberLoggedIdsAsync(options.Value.DeduplicationCapacity, cancellationToken);
            LogEpochContinued(logger, _streamId.ToString(), _epoch, _sequence);
        }
        else
        {
            // No head (never logged, or the log lost it) or a head of another epoch than the one this stream
            // last used (its state and its log disagree): its history cannot be vouched for, so start over.
            await StartNewEpochAsync();
            await _log.AppendAsync(LogKey, _epoch, [], 0, cancellationToken);
            _logHead = 0;
        }

        StartTrim();
    }

    private async Task<StreamSequenceToken> PublishLoggedAsync(StreamPublication publication)
    {
        var queued = new QueuedPublish(publication);
        _queued.Enqueue(queued);
        await _publishing.WaitAsync();
        try
        {
            while (!queued.Completion.Task.IsCompleted)
            {
                await CommitBatchAsync();
            }
        }
        finally
        {
            _publishing.Release();
        }

        return await queued.Completion.Task;
    }

    /// <summary>Appends the next batch of queued publishes, then numbers, keeps and delivers them in order.</summary>
    private async Task CommitBatchAsync()
    {
        var batch = new List<QueuedPublish>(Math.Min(_queued.Count, options.Value.LogBatchSize));
        List<(QueuedPublish Repeat, QueuedPublish First)>? repeats = null;
        while (batch.Count < options.Value.LogBatchSize && _queued.TryDequeue(out var next))
        {
            if (_recent.TryGet(next.Publication.PublicationId, out var token))
            {
                // A retry queued behind its own first publish: answered with the first one's token, not logged again.
                next.Completion.TrySetResult(token);
            }
            else if (next.Publication.PublicationId is { } id && batch.Find(b => b.Publication.PublicationId == id) is { } first)
            {
                (repeats ??= []).Add((next, first));
            }
            else
            {
                batch.Add(next);
            }
        }

        // A repeat inside one batch is answered with its first's outcome, whatever that turns out to be.
        foreach (var (repeat, first) in repeats ?? [])
        {
            _ = first.Completion.Task.ContinueWith(
                static (t, r) => CompleteLike((QueuedPublish)r!, t), repeat, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            if (_logUncertain)
            {
                await ReconcileAsync();
                AnswerRetriesOfCommittedItems(batch);
            }

            await AppendAsync(batch);
        }
        catch (Exception ex)
        {
            _logUncertain = true;
            LogAppendFailed(logger, ex, _streamId.ToString(), batch.Count);
            foreach (var failed in batch)
            {
                failed.Completion.TrySetException(ex);
            }

            return;
        }

        foreach (var item in batch)
        {
            var token = new StreamSequenceToken(_sequence + 1, _epoch);
            try
            {
                await OfferAsync(item.Publication, token);
                item.Completion.TrySetResult(token);
            }
            catch (Exception ex)
            {
                item.Completion.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// After a reconcile found the failed append committed: a publish in <paramref name="batch"/> that retries one of its
    /// items is answered with that item's token and leaves the batch (its repeats follow it).
    /// </summary>
    private void AnswerRetriesOfCommittedItems(List<QueuedPublish> batch)
    {
        for (int i = batch.Count - 1; i >= 0; i--)
        {
            if (_recent.TryGet(batch[i].Publication.PublicationId, out var token))
            {
                batch[i].Completion.TrySetResult(token);
                batch.RemoveAt(i);
            }
        }
    }

    private static void CompleteLike(QueuedPublish repeat, Task<StreamSequenceToken> first)
    {
        if (first.IsCompletedSuccessfully)
        {
            repeat.Completion.TrySetResult(first.Result);
        }
        else
        {
            repeat.Completion.TrySetException(first.Exception?.InnerException ?? new StreamLogException("The first publish of this item failed."));
        }
    }

    /// <summary>Makes the batch's durable items (and a reservation for its other items) durable, in one append or none.</summary>
    private async Task AppendAsync(List<QueuedPublish> batch)
    {
        var now = time.GetUtcNow();
        var entries = new List<StreamLogEntry>(batch.Count);
        bool unloggedBeyondHead = false;
        for (int i = 0; i < batch.Count; i++)
        {
            long sequence = _sequence + 1 + i;
            var publication = batch[i].Publication;
            if (publication.RetainInHistory && publication.PersistInLog)
            {
                entries.Add(new StreamLogEntry(sequence, publication.Payload, now, publication.PublicationId));
            }
            else if (sequence > _logHead)
            {
                unloggedBeyondHead = true;
            }
        }

        long head = unloggedBeyondHead
            ? _sequence + batch.Count + options.Value.LogSequenceReservation
            : Math.Max(_logHead, entries.Count > 0 ? entries[^1].Sequence : 0);
        if (entries.Count == 0 && head == _logHead)
        {
            // Only unlogged items, inside the reservation: nothing to make durable, no round trip.
            return;
        }

        await _log!.AppendAsync(LogKey, _epoch, entries, head);
        _logHead = head;
        _loggedSinceTrim += entries.Count;
        if (_loggedSinceTrim >= TrimEveryLoggedItems)
        {
            StartTrim();
        }
    }

    /// <summary>After an append with an unknown outcome: learn from the log's head whether it committed.</summary>
    private async Task ReconcileAsync()
    {
        var head = await _log!.ReadHeadAsync(LogKey);
        if (head is null || head.Epoch != _epoch)
        {
            // Another activation took the stream over, or the log lost it: this one cannot vouch for its epoch.
            DeactivateOnIdle();
            throw new StreamLogException($"The log of stream {LogKey} no longer continues epoch {_epoch}; the stream re-activates.");
        }

        if (head.LastSequence != _logHead)
        {
            // The failed append committed: its items are in the log but were never delivered. Go on after them;
            // the memory answers only from here, so reads of them go to the log.
            // The producers of those items were told the publish failed and will retry: each retry must get the
            // committed item's token, not a second copy. The failed append held at most one batch. Read before
            // anything moves, so that if this read fails the next reconcile still sees the head ahead and reads again.
            await RememberLoggedIdsAsync(options.Value.LogBatchSize, CancellationToken.None);
            _sequence = Math.Max(_sequence, head.LastSequence);
            _logHead = head.LastSequence;
            _history.Restart(_sequence + 1);
        }

        _logUncertain = false;
    }

    /// <summary>
    /// Puts the ids of the log's newest identified entries of this epoch into the window of recent ids, so a retry of
    /// an item that is in the log but was never acknowledged (its activation died, or its append's answer was lost)
    /// gets that item's token instead of being appended again.
    /// </summary>
    private async Task RememberLoggedIdsAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (maxCount == 0 || options.Value.DeduplicationCapacity == 0)
        {
            return;
        }

        foreach (var logged in await _log!.ReadRecentIdsAsync(LogKey, _epoch, maxCount, cancellationToken))
        {
            _recent.Add(logged.PublicationId, new StreamSequenceToken(logged.Sequence, _epoch));
        }
    }

    /// <summary>
    /// A read the memory no longer covers: the log's entries after <paramref name="after"/>, then the memory's
    /// items where the log's answer ends. The read is awaited, so the stream may have moved meanwhile; the
    /// answer is assembled in one synchronous step afterwards and never claims more than both parts vouch for.
    /// </summary>
    private async Task<StreamHistoryRead> ReadThroughLogAsync(long after, int maxCount)
    {
        long positionBefore = _sequence;
        var read = await _log!.ReadAfterAsync(LogKey, _epoch, after, maxCount);
        _history.Trim(time.GetUtcNow());
        var position = new StreamSequenceToken(_sequence, _epoch);
        if (!read.IsComplete)
        {
            return Incomplete(position);
        }

        // The log holds every durable item up to what was published when it was read (appends come first), or,
        // for a full page, up to its last entry. Entries appended but not yet published are left out.
        bool full = read.Entries.Count == maxCount;
        long vouched = Math.Min(full ? read.Entries[^1].Sequence : positionBefore, _sequence);
        var fromLog = read.Entries.Where(e => e.Sequence <= vouched).Select(e => new StreamHistoryRecord(e.Payload, new StreamSequenceToken(e.Sequence, _epoch)));
        long coveredFrom = _history.CoveredFrom;
        if (full || coveredFrom > vouched + 1)
        {
            // The memory does not pick up where the log's part ends (a full page, or items evicted while the log
            // was read): answer the log's part; the caller reads on after it.
            return new StreamHistoryRead([.. fromLog], IsComplete: true, HasMore: vouched < _sequence, position);
        }

        var items = fromLog.Where(r => r.Token.Sequence < coveredFrom).ToList();
        var (recent, hasMore) = _history.ReadAfter(coveredFrom - 1, maxCount - items.Count);
        items.AddRange(recent);
        return new StreamHistoryRead(items, IsComplete: true, hasMore, position);
    }

    /// <summary>Trims the log by the options, off the publish path; at most one trim at a time, failures only logged.</summary>
    private void StartTrim()
    {
        if (_trimming)
        {
            return;
        }

        _trimming = true;
        _loggedSinceTrim = 0;
        _ = TrimAsync();
    }

    private async Task TrimAsync()
    {
        try
        {
            var retention = options.Value.LogRetention;
            DateTimeOffset? olderThan = retention == Timeout.InfiniteTimeSpan ? null : time.GetUtcNow() - retention;
            int? keepLast = options.Value.LogCapacity == 0 ? null : options.Value.LogCapacity;
            if (olderThan is not null || keepLast is not null)
            {
                await _log!.TrimAsync(LogKey, olderThan, keepLast);
            }
        }
        catch (Exception ex)
        {
            // Trimming only bounds the log's size; the next trim tries again.
            LogTrimFailed(logger, ex, _streamId.ToString());
        }
        finally
        {
            _trimming = false;
        }
    }

    private sealed class QueuedPublish(StreamPublication publication)
    {
        public StreamPublication Publication { get; } = publication;

        public TaskCompletionSource<StreamSequenceToken> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Stream {Stream} continues epoch {Epoch} after sequence {Sequence} from its log")]
    private static partial void LogEpochContinued(ILogger logger, string stream, long epoch, long sequence);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Appending {Count} items of {Stream} to its log failed; their publishes fail")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string stream, int count);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Trimming the log of {Stream} failed; will retry")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception, string stream);
}
