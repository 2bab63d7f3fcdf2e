using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// The <see cref="IClusterMembership"/> the membership agent feeds. Updates may come from two of the agent's
/// paths at once (a table refresh and a write of the silo's own row); the newest version wins, and
/// <see cref="Changed"/> is delivered by whichever updater finds nobody delivering, outside the lock, until no
/// newer snapshot is pending. That keeps handlers sequential and in version order without calling them under a lock.
/// </summary>
internal sealed partial class ClusterMembershipView(ILogger<ClusterMembershipView> logger) : IClusterMembership
{
    private readonly Lock _lock = new();
    private ClusterMembershipSnapshot _current = ClusterMembershipSnapshot.Empty;
    private ClusterMembershipSnapshot _published = ClusterMembershipSnapshot.Empty;
    private bool _publishing;
    private volatile SiloAddress? _localSilo;

    public SiloAddress? LocalSilo => _localSilo;

    public ClusterMembershipSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public event Action<ClusterMembershipSnapshot>? Changed;

    internal void SetLocalSilo(SiloAddress silo) => _localSilo = silo;

    /// <summary>Takes a table read: replaces the snapshot unless a newer version is already known.</summary>
    internal void Observe(MembershipTableData data) =>
        Update(_ => new ClusterMembershipSnapshot(data.Version.Version, data.Members.Select(m => m.Entry)), data.Version.Version);

    /// <summary>Takes one of this silo's successful writes (which raised the table to <paramref name="version"/>).</summary>
    internal void ObserveWrite(MembershipEntry entry, int version) => Update(current => current.With(entry, version), version);

    private void Update(Func<ClusterMembershipSnapshot, ClusterMembershipSnapshot> next, int version)
    {
        lock (_lock)
        {
            // An equal version is the same membership with fresher heartbeats (or fewer cleaned-up dead rows).
            if (version < _current.Version)
            {
                return;
            }

            _current = next(_current);
            if (_publishing || _current.HasSameStatuses(_published))
            {
                return;
            }

            _publishing = true;
        }

        while (true)
        {
            ClusterMembershipSnapshot snapshot;
            lock (_lock)
            {
                if (_current.HasSameStatuses(_published))
                {
                    _publishing = false;
                    return;
                }

                snapshot = _published = _current;
            }

            Publish(snapshot);
        }
    }

    private void Publish(ClusterMembershipSnapshot snapshot)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<ClusterMembershipSnapshot>>())
        {
            try
            {
                handler(snapshot);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(logger, ex, snapshot.Version);
            }
        }
    }

    [LoggerMessage(EventId = 1821, Level = LogLevel.Warning, Message = "A handler of the membership view's Changed event threw (version {Version}); the other handlers still ran")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, int version);
}
