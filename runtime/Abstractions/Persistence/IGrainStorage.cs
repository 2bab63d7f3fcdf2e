using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Persistence;

/// <summary>
/// A grain state provider. Payloads are opaque bytes (the runtime serializes), etags are integer versions
/// in string form, starting at "1" and incremented by every write and clear.
/// <list type="bullet">
/// <item>Read returns null when no row exists; after a clear it returns a record with a null payload.</item>
/// <item>Write and clear succeed only when <c>expectedEtag</c> equals the stored etag (null meaning "no row");
/// otherwise they throw <see cref="InconsistentStateException"/> and change nothing.</item>
/// <item>Each operation is atomic. Failures of the store itself throw <see cref="Exceptions.GrainStorageException"/>
/// (nothing written, retry allowed); a later call after the store recovers succeeds without restarting.</item>
/// </list>
/// </summary>
public interface IGrainStorage
{
    Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default);

    /// <returns>The new etag.</returns>
    Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <returns>The new etag (the row stays as a tombstone so a stale writer still conflicts).</returns>
    Task<string> ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default);
}
