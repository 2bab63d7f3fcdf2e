using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>One read of a stream's log (<see cref="IStreamLog.ReadAfterAsync"/>).</summary>
/// <param name="Entries">The entries after the requested sequence, in sequence order, at most the requested count.</param>
/// <param name="IsComplete">
/// True when no entry of the epoch after the requested sequence was trimmed before the read, so
/// <paramref name="Entries"/> is every entry there is from there on (up to the count). False for an epoch that
/// is not the log's head epoch, or a stream the log does not know.
/// </param>
[Immutable]
public sealed record StreamLogRead(IReadOnlyList<StreamLogEntry> Entries, bool IsComplete);
