namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// Lets a stream item say whether its stream may keep it in its recent history. Items that do not implement
/// this interface are kept. An item that opts out still gets a sequence number and is delivered live like
/// any other; it is only never returned by <see cref="IAsyncStream{T}.GetItemsAfterAsync"/>, so a consumer
/// that resumes does not see it again. Use it for items that are worthless once late (typing indicators,
/// streaming tokens, progress ticks).
/// </summary>
public interface IStreamHistoryItem
{
    /// <summary>False to keep this item out of the stream's history. Read once, when the item is published.</summary>
    bool RetainInHistory { get; }
}
