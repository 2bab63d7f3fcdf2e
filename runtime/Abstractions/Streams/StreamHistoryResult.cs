namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// One read of a stream's recent history (<see cref="IAsyncStream{T}.GetItemsAfterAsync"/>). The three
/// parts are taken at the same instant, so they agree with each other.
/// </summary>
/// <param name="Items">
/// The retained items after the requested token, in sequence order, at most the requested count. Sequence
/// numbers may skip items that opted out of history (<see cref="IStreamHistoryItem"/>). Empty when
/// <paramref name="IsComplete"/> is false.
/// </param>
/// <param name="IsComplete">
/// True when the stream still holds every retained item after the requested token: same epoch, nothing after
/// it evicted, and the token is not ahead of <paramref name="Position"/>. False means the consumer may have
/// missed items and must resynchronize from another source; no items are returned then, so nobody can
/// deliver a range with a hole in it by mistake.
/// </param>
/// <param name="HasMore">
/// True when more retained items follow the last one returned; read again after the last item's token.
/// </param>
/// <param name="Position">The stream's position at the read (see <see cref="IAsyncStream{T}.GetPositionAsync"/>).</param>
public sealed record StreamHistoryResult<T>(IReadOnlyList<StreamHistoryEntry<T>> Items, bool IsComplete, bool HasMore, StreamSequenceToken Position);
