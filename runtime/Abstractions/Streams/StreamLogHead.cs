using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// Where a stream's log stands (<see cref="IStreamLog.ReadHeadAsync"/>).
/// </summary>
/// <param name="Epoch">The newest epoch appended to; entries of older epochs are dead and only wait to be trimmed.</param>
/// <param name="LastSequence">
/// The highest sequence number the writer claimed in <paramref name="Epoch"/>: at least the sequence of every
/// entry, and more when the writer reserved numbers for items it does not log. A writer that continues the
/// epoch must go on after it. 0 when the epoch was opened and nothing was claimed yet.
/// </param>
/// <param name="TrimmedThrough">
/// Entries of <paramref name="Epoch"/> with a sequence at or below this may have been trimmed; every entry
/// above it is still held. 0 until something of the epoch was trimmed.
/// </param>
[Immutable]
public sealed record StreamLogHead(long Epoch, long LastSequence, long TrimmedThrough);
