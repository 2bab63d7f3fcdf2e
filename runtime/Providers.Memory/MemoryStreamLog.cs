using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Streams;

namespace OrleansRealtime.Providers.Memory;

/// <summary>
/// A stream log in memory, with the semantics of <see cref="IStreamLog"/>: each operation is atomic under one
/// lock. One instance is one log: hand the same instance to every silo of a test cluster so streams keep their
/// epoch across silo restarts. Items live as long as the instance.
/// </summary>
public sealed class MemoryStreamLog : IStreamLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamLogKey, Stream> _streams = [];

    public Task AppendAsync(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateAppend(stream, epoch, entries, headSequence);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var log = _streams.TryGetValue(stream, out var existing) ? existing : null;
            if (log is not null && epoch < log.Epoch)
            {
                throw StreamLogArguments.StaleEpoch(stream, epoch, log.Epoch);
            }

            var sameEpoch = log is not null && log.Epoch == epoch;
            foreach (var entry in entries)
            {
                if (sameEpoch && log!.Entries.TryGetValue(entry.Sequence, out var held) && !held.Payload.AsSpan().SequenceEqual(entry.Payload))
                {
                    throw StreamLogArguments.Conflict(stream, epoch, entry.Sequence);
                }
            }

            if (!sameEpoch)
            {
                log = new Stream(epoch);
                _streams[stream] = log;
            }

            foreach (var entry in entries)
            {
                log!.Entries.TryAdd(entry.Sequence, entry);
            }

            log!.LastSequence = Math.Max(log.LastSequence, headSequence);
        }

        return Task.CompletedTask;
    }

    public Task<StreamLogHead?> ReadHeadAsync(StreamLogKey stream, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_streams.TryGetValue(stream, out var log) ? new StreamLogHead(log.Epoch, log.LastSequence, log.TrimmedThrough) : null);
        }
    }

    public Task<StreamLogRead> ReadAfterAsync(StreamLogKey stream, long epoch, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateRead(afterSequence, maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var log) || log.Epoch != epoch)
            {
                return Task.FromResult(new StreamLogRead([], IsComplete: false));
            }

            var entries = log.Entries.Values.Where(e => e.Sequence > afterSequence).Take(maxCount).ToArray();
            return Task.FromResult(new StreamLogRead(entries, IsComplete: afterSequence >= log.TrimmedThrough));
        }
    }

    public Task<IReadOnlyList<StreamLogId>> ReadRecentIdsAsync(StreamLogKey stream, long epoch, int maxCount, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateRead(0, maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var log) || log.Epoch != epoch)
            {
                return Task.FromResult<IReadOnlyList<StreamLogId>>([]);
            }

            var newest = log.Entries.Values.Reverse().Where(e => e.PublicationId is not null).Take(maxCount)
                .Select(e => new StreamLogId(e.Sequence, e.PublicationId!)).Reverse().ToArray();
            return Task.FromResult<IReadOnlyList<StreamLogId>>(newest);
        }
    }

    public Task<int> TrimAsync(StreamLogKey stream, DateTimeOffset? olderThan, int? keepLast, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateTrim(keepLast);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var log))
            {
                return Task.FromResult(0);
            }

            // Entries of older epochs went when the epoch moved on, so only the head epoch is left. Everything up
            // to the highest entry that is too old or beyond the newest keepLast goes, so that "every entry above
            // TrimmedThrough is held" stays true even when timestamps are not in sequence order.
            var entries = log.Entries.Values;
            long bound = 0;
            if (olderThan is { } cutoff)
            {
                bound = entries.Where(e => e.Timestamp < cutoff).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
            }

            if (keepLast is { } keep && entries.Count > keep)
            {
                bound = Math.Max(bound, entries[entries.Count - keep - 1].Sequence);
            }

            var doomed = log.Entries.Keys.TakeWhile(s => s <= bound).ToArray();
            foreach (var sequence in doomed)
            {
                log.Entries.Remove(sequence);
            }

            log.TrimmedThrough = Math.Max(log.TrimmedThrough, bound);
            return Task.FromResult(doomed.Length);
        }
    }

    private sealed class Stream(long epoch)
    {
        public long Epoch { get; } = epoch;

        public long LastSequence { get; set; }

        public long TrimmedThrough { get; set; }

        public SortedList<long, StreamLogEntry> Entries { get; } = [];
    }
}
