using System.Globalization;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;

namespace OrleansRealtime.Providers.Memory;

/// <summary>
/// Grain state in a dictionary, with the same etag rules as the database providers: versions start at 1,
/// every write and clear bumps them, a clear leaves a tombstone. Payloads are copied in and out, so neither
/// the writer nor a reader can change what is stored by mutating its array afterwards.
/// One instance is one store: hand the same instance to a restarted silo to keep its state.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string StateName, GrainId GrainId), Row> _rows = [];

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        Row row;
        lock (_lock)
        {
            if (!_rows.TryGetValue((stateName, grainId), out row))
            {
                return Task.FromResult<GrainStateRecord?>(null);
            }
        }

        // The stored array is never mutated (writes replace it), so copying outside the lock is safe.
        return Task.FromResult<GrainStateRecord?>(new GrainStateRecord(row.Payload?.ToArray(), Format(row.Version)));
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Swap(stateName, grainId, payload.ToArray(), expectedEtag));
    }

    public Task<string> ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Swap(stateName, grainId, null, expectedEtag));
    }

    private string Swap(string stateName, GrainId grainId, byte[]? payload, string? expectedEtag)
    {
        long version;
        lock (_lock)
        {
            bool exists = _rows.TryGetValue((stateName, grainId), out var row);
            bool matches = exists ? expectedEtag == Format(row.Version) : expectedEtag is null;
            if (!matches)
            {
                string? stored = exists ? Format(row.Version) : null;
                throw new InconsistentStateException(stateName, grainId.ToString(), expectedEtag, stored);
            }

            version = exists ? row.Version + 1 : 1;
            _rows[(stateName, grainId)] = new Row(payload, version);
        }

        return Format(version);
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Row(byte[]? Payload, long Version);
}
