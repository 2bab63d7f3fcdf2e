using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// The failure detector: every <see cref="ClusterMembershipOptions.TableRefreshPeriod"/> the agent re-reads the
/// table, declares dead (compare-and-swap on the version and the row's etag) every other silo whose heartbeat is
/// older than <see cref="ClusterMembershipOptions.DeathTimeout"/> on this silo's clock, and every earlier
/// generation of its own endpoint, then removes the grain directory entries of the silos it sees dead.
/// </summary>
internal sealed partial class MembershipAgent
{
    /// <summary>Dead silos whose directory entries this agent has removed (guarded by <see cref="_refreshGate"/>).</summary>
    private readonly HashSet<SiloAddress> _unregistered = [];

    private async Task RefreshTickAsync()
    {
        if (_stopped || _lease.IsRevoked)
        {
            return;
        }

        try
        {
            await RefreshAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogRefreshFailed(_logger, ex, Self, _options.TableRefreshPeriod);
        }

        Arm(_refreshTimer, _options.TableRefreshPeriod);
        Raise(MembershipActivity.Refresh);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            for (int round = 0; ; round++)
            {
                var data = await _table.ReadAllAsync(cancellationToken);
                _view.Observe(data);
                var own = data.Find(Self);
                if (own is null || own.Value.Entry.Status == SiloStatus.Dead)
                {
                    OnDeclaredDead(own is null ? "its row is gone from the table" : "the table shows it dead");
                    return;
                }

                // A silo that is not sure it is alive itself (its lease ran out) judges nobody.
                if (_lease.TryRefuse(out _))
                {
                    return;
                }

                var now = _time.GetUtcNow();
                var victim = data.Members.FirstOrDefault(m => ShouldDeclareDead(m.Entry, now));
                if (victim.Entry is null || round > data.Members.Count)
                {
                    break;
                }

                var dead = victim.Entry with { Status = SiloStatus.Dead };
                var version = data.Version.Next();
                if (await _table.UpdateRowAsync(dead, victim.ETag, version, cancellationToken))
                {
                    _view.ObserveWrite(dead, version.Version);
                    if (victim.Entry.SiloAddress.IsSameEndpoint(Self))
                    {
                        LogDeclaredEarlierGenerationDead(_logger, Self, victim.Entry.SiloAddress);
                    }
                    else
                    {
                        LogDeclaredOtherDead(_logger, Self, victim.Entry.SiloAddress, victim.Entry.IAmAliveTime, now - victim.Entry.IAmAliveTime, _options.DeathTimeout);
                    }
                }
                else
                {
                    // Someone wrote first (maybe the same declaration, maybe a heartbeat of the victim): re-read.
                    LogDeclarationLost(_logger, Self, victim.Entry.SiloAddress);
                }
            }

            var current = _view.Current;
            _unregistered.RemoveWhere(s => current.Find(s) is null);
            SiloAddress[] unregister = [.. current.Members.Where(m => m.Status == SiloStatus.Dead && !_unregistered.Contains(m.SiloAddress)).Select(m => m.SiloAddress)];
            if (unregister.Length > 0 && await UnregisterFromDirectoryAsync(unregister, cancellationToken))
            {
                _unregistered.UnionWith(unregister);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private bool ShouldDeclareDead(MembershipEntry entry, DateTimeOffset now) =>
        entry.Status != SiloStatus.Dead
        && !entry.SiloAddress.Equals(Self)
        && ((entry.SiloAddress.IsSameEndpoint(Self) && entry.SiloAddress.Generation < Self.Generation)
            || now - entry.IAmAliveTime > _options.DeathTimeout);

    /// <summary>Removes the directory entries of <paramref name="silos"/>; false (logged) when the directory failed. No directory: true.</summary>
    private async Task<bool> UnregisterFromDirectoryAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken)
    {
        if (_services.GetService<IGrainDirectory>() is not { } directory)
        {
            return true;
        }

        try
        {
            int removed = await directory.UnregisterSilosAsync(silos, cancellationToken);
            if (removed > 0)
            {
                LogDirectoryEntriesRemoved(_logger, removed, string.Join(", ", silos));
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDirectoryCleanupFailed(_logger, ex, string.Join(", ", silos));
            return false;
        }
    }

    private async Task CleanupTickAsync()
    {
        if (_stopped || _lease.IsRevoked)
        {
            return;
        }

        if (!_lease.TryRefuse(out _))
        {
            try
            {
                var before = _time.GetUtcNow() - _options.DefunctSiloExpiration;
                int deleted = await _table.CleanupDefunctSiloEntriesAsync(before, _stopping.Token);
                if (deleted > 0)
                {
                    LogDefunctRowsDeleted(_logger, deleted, before);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCleanupFailed(_logger, ex, _options.DefunctSiloCleanupPeriod);
            }
        }

        Arm(_cleanupTimer, _options.DefunctSiloCleanupPeriod);
        Raise(MembershipActivity.Cleanup);
    }
}
