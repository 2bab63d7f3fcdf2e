namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// The durable log of stream items: what lets a stream's rendezvous re-activate (on another silo, after a
/// crash) with the same epoch and sequence, and still replay what it acknowledged before. One writer per
/// stream at a time (the stream's single activation); any number of readers.
/// <para>
/// <b>Ordering.</b> Entries of one stream and epoch are kept by sequence number; reads return them in that
/// order. Sequence numbers may have holes (items not logged), which say nothing about loss: completeness is
/// <see cref="StreamLogHead.TrimmedThrough"/>, never contiguity.
/// </para>
/// <para>
/// <b>Atomicity.</b> An append is all or nothing: its entries and the move of the head become visible
/// together, or not at all.
/// </para>
/// <para>
/// <b>Idempotency.</b> Appending an entry whose (stream, epoch, sequence) is already held with the same
/// payload changes nothing and succeeds, so an append retried after an unknown outcome is safe. The same
/// position with a different payload is refused with <see cref="Exceptions.StreamLogException"/> and the
/// whole append changes nothing: the log never holds two items under one position.
/// </para>
/// <para>
/// <b>Failures and time.</b> Every failure of the store surfaces as <see cref="Exceptions.StreamLogException"/>.
/// Providers bound every operation by their own deadline (past it: a <see cref="Exceptions.StreamLogException"/>
/// around a <see cref="TimeoutException"/>); an append that timed out may still have committed. The caller's
/// token cancels with <see cref="OperationCanceledException"/>. Timestamps are the caller's clock, never the
/// store's, so trimming by age follows the clock the stream runs on.
/// </para>
/// </summary>
public interface IStreamLog
{
    /// <summary>
    /// Appends <paramref name="entries"/> (ascending sequence, possibly none) to <paramref name="epoch"/> of the
    /// stream and moves the head's last sequence up to <paramref name="headSequence"/>, atomically. An epoch
    /// newer than the head's makes it the head epoch (nothing of it trimmed); an epoch older than the head's is
    /// refused (<see cref="Exceptions.StreamLogException"/>: a newer writer took the stream over). With no
    /// entries this opens an epoch or reserves sequence numbers for items that are not logged. The head never
    /// moves down.
    /// </summary>
    /// <param name="headSequence">At least the sequence of every entry.</param>
    Task AppendAsync(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence, CancellationToken cancellationToken = default);

    /// <summary>The stream's head, or null when the log holds nothing of the stream (never written, or lost).</summary>
    Task<StreamLogHead?> ReadHeadAsync(StreamLogKey stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> entries of <paramref name="epoch"/> with a sequence greater than
    /// <paramref name="afterSequence"/>, oldest first, and whether that range is complete (see
    /// <see cref="StreamLogRead.IsComplete"/>), both as of one moment.
    /// </summary>
    Task<StreamLogRead> ReadAfterAsync(StreamLogKey stream, long epoch, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the newest entries of <paramref name="epoch"/> that carry one (<see cref="StreamLogEntry.PublicationId"/>),
    /// at most <paramref name="maxCount"/>, oldest first; none when <paramref name="epoch"/> is not the head's epoch. A stream
    /// that re-activates reads them so that a producer's retry of an item the previous activation appended (and
    /// died before acknowledging) is recognized instead of appended twice. Trimmed entries are not returned.
    /// </summary>
    Task<IReadOnlyList<StreamLogId>> ReadRecentIdsAsync(StreamLogKey stream, long epoch, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the stream's entries of older epochs, and of the head epoch those with a timestamp before
    /// <paramref name="olderThan"/> (when given) and all but the newest <paramref name="keepLast"/> (when given);
    /// raises <see cref="StreamLogHead.TrimmedThrough"/> to the highest sequence removed. The head itself is
    /// never removed, so a stream whose entries all aged out still continues its epoch. Idempotent.
    /// </summary>
    /// <returns>How many entries were removed.</returns>
    Task<int> TrimAsync(StreamLogKey stream, DateTimeOffset? olderThan, int? keepLast, CancellationToken cancellationToken = default);
}
