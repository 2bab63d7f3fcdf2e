using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Directory;

/// <summary>
/// This silo's way into the grain directory: a cache of where grains live in front of the <see cref="IGrainDirectory"/>,
/// plus the register and unregister steps of local activations. The cache is only a hint. A stale entry sends a call
/// to a silo that no longer has the activation; that silo redirects the caller (or activates the grain itself, if the
/// directory lets it), and the redirect corrects the cache. Entries of silos the membership view shows dead are
/// dropped when the view changes and ignored before that. A placement decision is cached as a hint without an
/// activation id, so calls that follow it go to the same silo while it activates.
/// Thread-safe; no operation holds a lock across an await.
/// </summary>
internal sealed partial class GrainLocator
{
    /// <summary>Lost registers in a row (each against a stale entry that was then replaced) before giving up.</summary>
    private const int MaxRegisterAttempts = 4;

    private readonly ConcurrentDictionary<GrainId, GrainAddress> _cache = new();
    private readonly IGrainDirectory _directory;
    private readonly IClusterMembership _membership;
    private readonly ILogger _logger;

    public GrainLocator(IGrainDirectory directory, IClusterMembership membership, ILogger<GrainLocator> logger)
    {
        _directory = directory;
        _membership = membership;
        _logger = logger;
        membership.Changed += OnMembershipChanged;
    }

    public int CachedCount => _cache.Count;

    /// <summary>A cached address whose silo is not known dead.</summary>
    public bool TryGetCached(GrainId grainId, out GrainAddress address)
    {
        if (_cache.TryGetValue(grainId, out address!) && !IsDead(address.SiloAddress))
        {
            return true;
        }

        address = null!;
        return false;
    }

    public void Cache(GrainAddress address) => _cache[address.GrainId] = address;

    /// <summary>Caches "being placed on <paramref name="silo"/>" without an activation id.</summary>
    public GrainAddress CachePlacement(GrainId grainId, SiloAddress silo)
    {
        var hint = new GrainAddress { GrainId = grainId, SiloAddress = silo, ActivationId = default };
        _cache[grainId] = hint;
        return hint;
    }

    /// <summary>Drops the cached entry of <paramref name="grainId"/> if it still points at <paramref name="silo"/>.</summary>
    public void Invalidate(GrainId grainId, SiloAddress silo)
    {
        if (_cache.TryGetValue(grainId, out var cached) && cached.SiloAddress.Equals(silo))
        {
            _cache.TryRemove(KeyValuePair.Create(grainId, cached));
        }
    }

    /// <summary>The directory's entry, cached; null when the grain has no activation (or only one on a dead silo).</summary>
    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        var entry = await _directory.LookupAsync(grainId, cancellationToken);
        if (entry is null || IsDead(entry.SiloAddress))
        {
            return null;
        }

        _cache[grainId] = entry;
        return entry;
    }

    /// <summary>
    /// Registers <paramref name="address"/> (a local activation about to serve). Returns the winning entry: the
    /// address itself, or the activation that got there first. An entry of a dead silo, or one that
    /// <paramref name="isStaleLocal"/> says is an earlier local activation that is gone, is replaced.
    /// Directory failures propagate (<see cref="Abstractions.Exceptions.GrainDirectoryException"/>).
    /// </summary>
    /// <param name="replaceAny">Replace whatever entry is there (observer hosts, which attach to one silo at a time).</param>
    public async Task<GrainAddress> RegisterAsync(GrainAddress address, Func<GrainAddress, bool> isStaleLocal, bool replaceAny = false, CancellationToken cancellationToken = default)
    {
        GrainAddress? previous = null;
        for (int attempt = 1; ; attempt++)
        {
            var winner = await _directory.RegisterAsync(address, previous, cancellationToken);
            if (winner.Equals(address))
            {
                _cache[address.GrainId] = address;
                return address;
            }

            bool stale = replaceAny || IsDead(winner.SiloAddress) || (winner.SiloAddress.Equals(address.SiloAddress) && isStaleLocal(winner));
            if (!stale || attempt == MaxRegisterAttempts)
            {
                _cache[address.GrainId] = winner;
                return winner;
            }

            previous = winner;
        }
    }

    /// <summary>Removes the entry if it is still <paramref name="address"/>. Failures are logged, not thrown: the entry goes with its silo at the latest.</summary>
    public async Task UnregisterAsync(GrainAddress address)
    {
        if (_cache.TryGetValue(address.GrainId, out var cached) && cached.Equals(address))
        {
            _cache.TryRemove(KeyValuePair.Create(address.GrainId, cached));
        }

        try
        {
            await _directory.UnregisterAsync(address);
        }
        catch (Exception ex)
        {
            LogUnregisterFailed(_logger, ex, address.ToString());
        }
    }

    private bool IsDead(SiloAddress silo) => _membership.Current.GetStatus(silo) == SiloStatus.Dead;

    private void OnMembershipChanged(ClusterMembershipSnapshot snapshot)
    {
        foreach (var (grainId, address) in _cache)
        {
            if (snapshot.GetStatus(address.SiloAddress) == SiloStatus.Dead)
            {
                _cache.TryRemove(KeyValuePair.Create(grainId, address));
            }
        }
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Could not remove the directory entry {Address}; it is removed when its silo is declared dead")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string address);
}
