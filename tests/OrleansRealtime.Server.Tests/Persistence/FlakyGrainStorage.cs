using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;

namespace OrleansRealtime.Server.Tests.Persistence;

/// <summary>Wraps a storage provider; while <see cref="Unreachable"/> is set every call fails as a dead database would.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public volatile bool Unreachable;

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.ReadAsync(stateName, grainId, cancellationToken);
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.WriteAsync(stateName, grainId, payload, expectedEtag, cancellationToken);
    }

    public Task<string> ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.ClearAsync(stateName, grainId, expectedEtag, cancellationToken);
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new GrainStorageException("Storage is unreachable (test)");
        }
    }
}
