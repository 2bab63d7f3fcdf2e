using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// The argument checks and refusals every <see cref="IStreamLog"/> provider shares, so each one rejects the
/// same calls with the same messages.
/// </summary>
public static class StreamLogArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the append is well formed (see <see cref="IStreamLog.AppendAsync"/>).</summary>
    public static void ValidateAppend(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream.Provider, nameof(stream));
        ArgumentNullException.ThrowIfNull(stream.Stream.Namespace, nameof(stream));
        ArgumentNullException.ThrowIfNull(stream.Stream.Key, nameof(stream));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        ArgumentNullException.ThrowIfNull(entries);
        long previous = 0;
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            ArgumentNullException.ThrowIfNull(entry.Payload, nameof(entries));
            if (entry.Sequence <= previous)
            {
                throw new ArgumentException($"Entries must have positive, strictly ascending sequence numbers; {entry.Sequence} follows {previous}.", nameof(entries));
            }

            previous = entry.Sequence;
        }

        if (headSequence < previous)
        {
            throw new ArgumentOutOfRangeException(nameof(headSequence), headSequence, $"The head sequence must be at least the last entry's sequence ({previous}).");
        }
    }

    public static void ValidateRead(long afterSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
    }

    public static void ValidateTrim(int? keepLast)
    {
        if (keepLast is { } keep)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(keep, nameof(keepLast));
        }
    }

    public static StreamLogException StaleEpoch(StreamLogKey stream, long epoch, long headEpoch) =>
        new($"The log of stream {stream} is at epoch {headEpoch}; an append to the older epoch {epoch} is refused (the stream has a newer writer).");

    public static StreamLogException Conflict(StreamLogKey stream, long epoch, long sequence) =>
        new($"The log of stream {stream} already holds a different item at sequence {sequence} of epoch {epoch}; the append is refused.");
}
