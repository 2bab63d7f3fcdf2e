using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// A history read as the rendezvous answers it, before the payloads are read as items
/// (see <see cref="StreamHistoryResult{T}"/> for what the fields mean). Built fresh for every read and never
/// changed after, so it may be passed without a copy.
/// </summary>
[Immutable]
public sealed record StreamHistoryRead(IReadOnlyList<StreamHistoryRecord> Items, bool IsComplete, bool HasMore, StreamSequenceToken Position);
