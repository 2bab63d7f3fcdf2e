using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Hosting;
using SiloStatus = OrleansRealtime.Abstractions.Membership.SiloStatus;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// This silo's part in the membership protocol (active when an <see cref="IMembershipTable"/> is registered):
/// join, heartbeat, self-fencing, failure detection, leave. The silo drives the lifecycle
/// (<see cref="JoinAsync"/> → <see cref="BecomeActiveAsync"/> → <see cref="ShutDownAsync"/> → <see cref="LeaveAsync"/>);
/// the rest runs on timers of the injected <see cref="TimeProvider"/>, each re-armed when its run finishes, so
/// runs of one kind never overlap.
/// </summary>
/// <remarks>
/// Every write of the own row (status changes and heartbeats) goes through <see cref="_ownRowGate"/>: a heartbeat
/// changes the row's etag, so a status update racing it would lose its compare-and-swap for nothing, and the agent's
/// idea of its own row would depend on which finished last. Reads and death declarations go through
/// <see cref="_refreshGate"/> instead, so a slow refresh never delays a heartbeat.
/// </remarks>
internal sealed partial class MembershipAgent : IAsyncDisposable
{
    /// <summary>Lost compare-and-swap races in a row after which a write of the own status gives up (each race means someone else wrote).</summary>
    private const int MaxStatusWriteRaces = 10;

    private readonly IMembershipTable _table;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ClusterMembershipOptions _options;
    private readonly SiloOptions _silo;
    private readonly EndpointOptions _endpoint;
    private readonly SiloLease _lease;
    private readonly ClusterMembershipView _view;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ownRowGate = new(1, 1);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _heartbeatTimer;
    private readonly ITimer _refreshTimer;
    private readonly ITimer _cleanupTimer;
    private SiloAddress? _self;
    private MembershipEntry? _ownEntry;
    private long _joinStartedAt;
    private long _lastInsertStartedAt;
    private int _declaredDead;
    private volatile bool _stopped;
    private volatile bool _leaving;
    private bool _fencedLogged;

    public MembershipAgent(IMembershipTable table, IServiceProvider services, TimeProvider time, IOptions<ClusterMembershipOptions> options, IOptions<SiloOptions> silo, IOptions<EndpointOptions> endpoint, SiloLease lease, ClusterMembershipView view, ILogger<MembershipAgent> logger)
    {
        _table = table;
        _services = services;
        _time = time;
        _options = options.Value;
        _silo = silo.Value;
        _endpoint = endpoint.Value;
        _lease = lease;
        _view = view;
        _logger = logger;
        _heartbeatTimer = time.CreateTimer(static s => _ = ((MembershipAgent)s!).HeartbeatTickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _refreshTimer = time.CreateTimer(static s => _ = ((MembershipAgent)s!).RefreshTickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _cleanupTimer = time.CreateTimer(static s => _ = ((MembershipAgent)s!).CleanupTickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised after each heartbeat, refresh and cleanup run (once its next run is armed), and on being declared dead.</summary>
    internal event Action<MembershipActivity>? ActivityCompleted;

    /// <summary>This silo's address and generation; null before <see cref="JoinAsync"/>.</summary>
    public SiloAddress? LocalSilo => _self;

    /// <summary>
    /// How soon a failed heartbeat (or a failed step of the join) is tried again: a sixth of
    /// <see cref="ClusterMembershipOptions.IAmAlivePeriod"/> (5 s by default), so several tries fit in the lease.
    /// </summary>
    public TimeSpan RetryDelay => _options.IAmAlivePeriod / 6;

    private SiloAddress Self => _self ?? throw new InvalidOperationException("The silo has not joined the cluster.");

    /// <summary>
    /// Allocates this process's generation, creates the table if needed, inserts the own row as
    /// <see cref="SiloStatus.Joining"/> (taking the lease), reads the table (declaring earlier generations of this
    /// endpoint and silos past their death timeout dead) and starts the timers. Table failures are retried every
    /// <see cref="RetryDelay"/> until <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/> has passed since the call.
    /// </summary>
    /// <param name="listening">The endpoints the silo's transport bound (they differ from the configured ports when those are 0); null without a transport.</param>
    public async Task JoinAsync(CancellationToken cancellationToken, (IPAddress Address, int SiloPort, int GatewayPort)? listening = null)
    {
        _joinStartedAt = _time.GetTimestamp();
        var endpoint = listening is { } bound
            ? new IPEndPoint(bound.Address, bound.SiloPort)
            : new IPEndPoint(await ResolveAddressAsync(cancellationToken), _endpoint.SiloPort);
        _self = SiloAddress.New(endpoint, SiloAddress.AllocateGeneration(_time));
        var now = _time.GetUtcNow();
        _ownEntry = new MembershipEntry
        {
            SiloAddress = _self,
            Status = SiloStatus.Joining,
            SiloName = _silo.SiloName,
            HostName = Environment.MachineName,
            GatewayPort = listening?.GatewayPort ?? _endpoint.GatewayPort,
            StartTime = now,
            IAmAliveTime = now,
        };

        await RetryJoinStepAsync(ct => _table.InitializeMembershipTableAsync(true, ct), "initialize the membership table", cancellationToken);
        await RetryJoinStepAsync(InsertOwnRowAsync, "insert its membership row", cancellationToken);
        _view.SetLocalSilo(_self);
        LogJoining(_logger, _self, _silo.SiloName, _silo.ClusterId);
        try
        {
            await RetryJoinStepAsync(RefreshAsync, "read the membership table", cancellationToken);
            ThrowIfDeclaredDead("while joining");
            var newer = _view.Current.Members.FirstOrDefault(m => m.SiloAddress.IsSameEndpoint(_self) && m.SiloAddress.Generation > _self.Generation && m.Status != SiloStatus.Dead);
            if (newer is not null)
            {
                throw new InvalidOperationException($"Silo {_self} found a later generation of its endpoint alive in the membership table ({newer}): two silos advertise {endpoint} (set distinct Realtime:Endpoints:SiloPort values), or this machine's clock is behind.");
            }

            Arm(_heartbeatTimer, _options.IAmAlivePeriod);
            Arm(_refreshTimer, _options.TableRefreshPeriod);
            Arm(_cleanupTimer, _options.DefunctSiloCleanupPeriod);
        }
        catch
        {
            await LeaveAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Writes <see cref="SiloStatus.Active"/> once the silo has started; retried like the join.</summary>
    public async Task BecomeActiveAsync(CancellationToken cancellationToken)
    {
        bool written = false;
        await RetryJoinStepAsync(async ct => written = await WriteOwnStatusAsync(SiloStatus.Active, ct), "write its status Active", cancellationToken);
        if (!written)
        {
            OnDeclaredDead("its row was dead when it tried to become active");
            ThrowIfDeclaredDead("before it became active");
        }
    }

    /// <summary>
    /// Re-reads the table now (another silo said the membership changed), instead of at the next
    /// <see cref="ClusterMembershipOptions.TableRefreshPeriod"/>. Failures are logged; the periodic refresh goes on.
    /// </summary>
    public async Task RefreshNowAsync()
    {
        if (_stopped || _self is null || _lease.IsRevoked)
        {
            return;
        }

        try
        {
            await RefreshAsync(_stopping.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogRefreshFailed(_logger, ex, Self, _options.TableRefreshPeriod);
        }
    }

    /// <summary>Writes <see cref="SiloStatus.ShuttingDown"/> at the start of a clean stop (best effort; heartbeats go on).</summary>
    public async Task ShutDownAsync(CancellationToken cancellationToken)
    {
        if (_self is not null && !_lease.IsRevoked && await TryWriteOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken) == false)
        {
            OnDeclaredDead("its row was dead when it started shutting down");
        }
    }

    /// <summary>
    /// The end of a clean stop: stops the timers, writes <see cref="SiloStatus.Dead"/> (best effort: if it fails,
    /// the others declare this silo dead after <see cref="ClusterMembershipOptions.DeathTimeout"/>), removes this
    /// silo's grain directory entries, and refuses calls from then on.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        StopTimers();
        if (_self is null)
        {
            return;
        }

        bool? written = _lease.IsRevoked ? false : await TryWriteOwnStatusAsync(SiloStatus.Dead, cancellationToken);
        _lease.Release();
        if (written is not null)
        {
            await UnregisterFromDirectoryAsync([_self], cancellationToken);
        }

        LogLeft(_logger, _self, written == true);
    }

    /// <summary>Stops every timer without writing anything: what a killed process leaves behind.</summary>
    public ValueTask DisposeAsync()
    {
        StopTimers();
        return ValueTask.CompletedTask;
    }

    private async Task HeartbeatTickAsync()
    {
        if (_stopped || _lease.IsRevoked)
        {
            return;
        }

        var next = _options.IAmAlivePeriod;
        var outcome = MembershipActivity.Heartbeat;
        try
        {
            if (!await WriteHeartbeatAsync(_stopping.Token))
            {
                OnDeclaredDead("its heartbeat was refused");
                return;
            }

            LogHeartbeat(_logger, Self);
            if (_fencedLogged)
            {
                _fencedLogged = false;
                LogLeaseRenewed(_logger, Self);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            next = RetryDelay;
            outcome = MembershipActivity.HeartbeatFailed;
            LogHeartbeatFailed(_logger, ex, Self, _lease.Age, _options.LeaseTimeout, next);
            if (_lease.IsExpired && !_fencedLogged)
            {
                _fencedLogged = true;
                LogFenced(_logger, Self, _lease.Age, _options.LeaseTimeout);
            }
        }

        Arm(_heartbeatTimer, next);
        Raise(outcome);
    }

    private async Task<bool> WriteHeartbeatAsync(CancellationToken cancellationToken)
    {
        await _ownRowGate.WaitAsync(cancellationToken);
        try
        {
            long startedAt = _time.GetTimestamp();
            var entry = _ownEntry! with { IAmAliveTime = _time.GetUtcNow() };
            if (!await _table.UpdateIAmAliveAsync(entry, cancellationToken))
            {
                return false;
            }

            _ownEntry = entry;
            _lease.Renew(startedAt);
            return true;
        }
        finally
        {
            _ownRowGate.Release();
        }
    }

    private async Task InsertOwnRowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _table.ReadRowAsync(Self, cancellationToken);
            if (read.Find(Self) is { } existing)
            {
                // An earlier attempt committed and only its answer was lost: the row (with this generation) is ours.
                _ownEntry = existing.Entry;
                _lease.Acquire(Self.ToString(), _options.LeaseTimeout, _lastInsertStartedAt);
                _view.Observe(read);
                return;
            }

            _lastInsertStartedAt = _time.GetTimestamp();
            var entry = _ownEntry! with { IAmAliveTime = _time.GetUtcNow() };
            var version = read.Version.Next();
            if (await _table.InsertRowAsync(entry, version, cancellationToken))
            {
                _ownEntry = entry;
                _lease.Acquire(Self.ToString(), _options.LeaseTimeout, _lastInsertStartedAt);
                _view.ObserveWrite(entry, version.Version);
                return;
            }

            if (_time.GetElapsedTime(_joinStartedAt) > _options.MaxJoinAttemptTime)
            {
                throw new MembershipTableException($"Silo {Self} kept losing the race to insert its row for longer than Realtime:Clustering:MaxJoinAttemptTime ({_options.MaxJoinAttemptTime}).");
            }

            LogWriteRaceLost(_logger, Self, SiloStatus.Joining);
        }
    }

    /// <summary>Read, then compare-and-swap the own row to <paramref name="status"/>; false when the row is dead or gone.</summary>
    private async Task<bool> WriteOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        await _ownRowGate.WaitAsync(cancellationToken);
        try
        {
            for (int race = 1; ; race++)
            {
                var read = await _table.ReadRowAsync(Self, cancellationToken);
                if (read.Find(Self) is not { } row || row.Entry.Status == SiloStatus.Dead)
                {
                    return false;
                }

                long startedAt = _time.GetTimestamp();
                var entry = row.Entry with { Status = status, IAmAliveTime = _time.GetUtcNow() };
                var version = read.Version.Next();
                if (await _table.UpdateRowAsync(entry, row.ETag, version, cancellationToken))
                {
                    _ownEntry = entry;
                    _lease.Renew(startedAt);
                    _view.ObserveWrite(entry, version.Version);
                    LogStatusWritten(_logger, Self, status);
                    return true;
                }

                if (race >= MaxStatusWriteRaces)
                {
                    throw new MembershipTableException($"Silo {Self} lost the race to write its status {status} {race} times in a row.");
                }

                LogWriteRaceLost(_logger, Self, status);
            }
        }
        finally
        {
            _ownRowGate.Release();
        }
    }

    /// <summary>Two tries; null when both failed (the row keeps its old status), false when the row is dead or gone.</summary>
    private async Task<bool?> TryWriteOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                return await WriteOwnStatusAsync(status, cancellationToken);
            }
            catch (Exception ex) when (ex is MembershipTableException or OperationCanceledException)
            {
                LogStatusWriteFailed(_logger, ex, Self, status, attempt);
                if (ex is OperationCanceledException)
                {
                    break;
                }
            }
        }

        return null;
    }

    private async Task RetryJoinStepAsync(Func<CancellationToken, Task> step, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await step(cancellationToken);
                return;
            }
            catch (MembershipTableException ex)
            {
                if (_time.GetElapsedTime(_joinStartedAt) + RetryDelay > _options.MaxJoinAttemptTime)
                {
                    throw new MembershipTableException($"Silo {_self} could not {what} within Realtime:Clustering:MaxJoinAttemptTime ({_options.MaxJoinAttemptTime}) and gives up its start.", ex);
                }

                LogJoinStepFailed(_logger, ex, _self, what, RetryDelay);
                await Task.Delay(RetryDelay, _time, cancellationToken);
            }
        }
    }

    /// <summary>The address this silo advertises: <see cref="EndpointOptions.AdvertisedIPAddress"/>, or the host's first non-loopback IPv4 address.</summary>
    public async Task<IPAddress> ResolveAddressAsync(CancellationToken cancellationToken)
    {
        if (_endpoint.AdvertisedIPAddress.Length > 0)
        {
            return IPAddress.Parse(_endpoint.AdvertisedIPAddress);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(Dns.GetHostName(), cancellationToken);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }

    /// <summary>The table shows this silo dead (or without a row): fence for good, stop judging others.</summary>
    private void OnDeclaredDead(string how)
    {
        if (_leaving || Interlocked.Exchange(ref _declaredDead, 1) == 1)
        {
            return;
        }

        _lease.Revoke();
        StopTimers();
        LogDeclaredDead(_logger, _self, how);
        Raise(MembershipActivity.DeclaredDead);
    }

    private void ThrowIfDeclaredDead(string when)
    {
        if (_lease.IsRevoked)
        {
            throw new SiloUnavailableException($"Silo {_self} was declared dead in the membership table {when}.");
        }
    }

    private void Arm(ITimer timer, TimeSpan dueTime)
    {
        if (!_stopped)
        {
            timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopTimers()
    {
        _stopped = true;
        _stopping.Cancel();
        _heartbeatTimer.Dispose();
        _refreshTimer.Dispose();
        _cleanupTimer.Dispose();
    }

    private void Raise(MembershipActivity activity)
    {
        try
        {
            ActivityCompleted?.Invoke(activity);
        }
        catch (Exception ex)
        {
            LogActivityHandlerFailed(_logger, ex, activity);
        }
    }
}
