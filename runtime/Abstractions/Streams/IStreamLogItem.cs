namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// Lets a retained stream item say whether it must survive the loss of its stream's activation. Where a
/// stream log (<see cref="IStreamLog"/>) is configured, items are written to it before they are delivered,
/// so a stream that re-activates (after a silo died) keeps its epoch and can still replay them. An item that
/// opts out is kept in the in-memory history and delivered live like any other, but costs no write and is
/// gone after a failover. Items that do not implement this interface are logged when they are retained
/// (<see cref="IStreamHistoryItem"/>); an item that is not retained is never logged.
/// </summary>
public interface IStreamLogItem
{
    /// <summary>False to keep this item out of the stream log. Read once, when the item is published.</summary>
    bool PersistInLog { get; }
}
