namespace OrleansRealtime.Abstractions.Persistence;

/// <summary>
/// One named piece of grain state, injected into a grain constructor with <see cref="PersistentStateAttribute"/>.
/// It is read before <c>OnActivateAsync</c>. Writes use optimistic concurrency on <see cref="Etag"/>: a write
/// whose etag is stale throws <see cref="InconsistentStateException"/> and changes nothing. Storage failures
/// surface as exceptions from the call; the in-memory <see cref="State"/> is kept, so the grain may retry.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The stored version, an integer in string form; null when nothing was ever stored.</summary>
    string? Etag { get; }

    /// <summary>True when storage holds a value (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    Task ReadStateAsync();

    Task WriteStateAsync();

    /// <summary>Removes the stored value and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync();
}
