using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Providers.Memory;

/// <summary>
/// A grain directory in a dictionary, with the semantics of the PostgreSQL directory (see
/// <see cref="IGrainDirectory"/>): each operation is atomic under one lock, so of concurrent registrations of
/// one grain the first wins and all of them return it. One instance is one directory: hand the same instance
/// to every silo of a test cluster.
/// </summary>
public sealed class MemoryGrainDirectory : IGrainDirectory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, GrainAddress> _entries = [];

    /// <summary>How many entries there are (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A snapshot of every entry (for integrity checks in tests).</summary>
    public IReadOnlyList<GrainAddress> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Values];
            }
        }
    }

    public Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? previousAddress = null, CancellationToken cancellationToken = default)
    {
        Validate(address, previousAddress);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_entries.TryGetValue(address.GrainId, out var current) || (previousAddress is not null && current.Equals(previousAddress)))
            {
                _entries[address.GrainId] = address;
                return Task.FromResult(address);
            }

            return Task.FromResult(current);
        }
    }

    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(grainId, out var current) ? current : null);
        }
    }

    public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(address.GrainId, out var current) && current.Equals(address) && _entries.Remove(address.GrainId));
        }
    }

    public Task<int> UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silos);
        cancellationToken.ThrowIfCancellationRequested();
        if (silos.Count == 0)
        {
            return Task.FromResult(0);
        }

        var dead = silos.ToHashSet();
        lock (_lock)
        {
            var gone = _entries.Where(e => dead.Contains(e.Value.SiloAddress)).Select(e => e.Key).ToList();
            foreach (var grainId in gone)
            {
                _entries.Remove(grainId);
            }

            return Task.FromResult(gone.Count);
        }
    }

    /// <summary>The argument rules of every directory (the PostgreSQL one applies the same).</summary>
    private static void Validate(GrainAddress address, GrainAddress? previousAddress)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.GrainId.IsDefault)
        {
            throw new ArgumentException("The address has no grain id.", nameof(address));
        }

        if (previousAddress is not null && previousAddress.GrainId != address.GrainId)
        {
            throw new ArgumentException($"The previous address is of grain {previousAddress.GrainId}, not of {address.GrainId}.", nameof(previousAddress));
        }
    }
}
