using System.Collections.Concurrent;
using System.Text;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Memory;

namespace OrleansRealtime.Grains.Tests.Review;

/// <summary>
/// Memory grain storage whose writes (and reads) fail, as a dead database would, for the grains and payloads
/// a test picks. The failed grain ids are recorded, so a test can find the grain whose write failed.
/// </summary>
internal sealed class FaultyStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();

    /// <summary>A write fails when this returns true for (grain id, the payload as JSON text). Null: writes succeed.</summary>
    public Func<GrainId, string, bool>? FailWrite { get; set; }

    /// <summary>A read fails when this returns true for the grain id. Null: reads succeed.</summary>
    public Func<GrainId, bool>? FailRead { get; set; }

    public ConcurrentQueue<GrainId> FailedWrites { get; } = new();

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        if (FailRead?.Invoke(grainId) == true)
        {
            throw new GrainStorageException("Storage is unreachable (test)");
        }

        return _inner.ReadAsync(stateName, grainId, cancellationToken);
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        if (FailWrite?.Invoke(grainId, Encoding.UTF8.GetString(payload.Span)) == true)
        {
            FailedWrites.Enqueue(grainId);
            throw new GrainStorageException("Storage is unreachable (test)");
        }

        return _inner.WriteAsync(stateName, grainId, payload, expectedEtag, cancellationToken);
    }

    public Task<string> ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default) =>
        _inner.ClearAsync(stateName, grainId, expectedEtag, cancellationToken);
}
