using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;

namespace OrleansRealtime.Server.Reminders;

/// <summary>
/// Durable reminders. The table is the truth: registering writes the row first, then schedules it here.
/// At start (and every <see cref="ReminderOptions.RefreshPeriod"/>) the silo loads every row and schedules
/// the next tick of each, so reminders survive restarts and re-activate their grains. Ticks fall at
/// StartAt + n × Period; each is an ordinary call to <see cref="IRemindable.ReceiveReminder"/>, and the next
/// tick is scheduled after it returns, so ticks of one reminder never overlap. A tick missed while no silo
/// ran is not replayed: the next due tick is delivered. In a cluster each silo ticks only the reminders of its
/// <see cref="ReminderRange"/> of the hash ring, re-read whenever the membership changes.
/// </summary>
public sealed partial class ReminderService(IServiceProvider services, IGrainFactory grains, TimeProvider time, IOptions<ReminderOptions> options, ILogger<ReminderService> logger)
    : IAsyncDisposable
{
    private readonly ReminderOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];

    // Local register/unregister stamp their key with the change count; a refresh skips keys changed after
    // it began reading, so an older table snapshot never revives or drops what this silo just changed.
    private readonly Dictionary<(GrainId, string), long> _changedAt = [];
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private long _changes;
    private ITimer? _refresh;
    private bool _stopped;
    private volatile bool _subscribed;
    private ReminderRange _range = ReminderRange.All;

    private IReminderTable Table => services.GetService<IReminderTable>()
        ?? throw new InvalidOperationException("No reminder service is configured; add UseInMemoryReminderService, UseSqliteReminderService or UsePostgreSqlReminderService.");

    private bool IsConfigured => services.GetService<IReminderTable>() is not null;

    /// <summary>The membership view on a clustered silo, where reminders are split by <see cref="ReminderRange"/>; null on a single silo.</summary>
    private Membership.IClusterMembership? Membership =>
        services.GetRequiredService<Hosting.ClusteringMode>().Enabled ? services.GetRequiredService<Membership.IClusterMembership>() : null;

    private ReminderRange CurrentRange() =>
        Membership is { LocalSilo: { } self } membership ? ReminderRange.For(self, membership.Current.ActiveSilos) : ReminderRange.All;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }

        if (Membership is { } membership && !_subscribed)
        {
            // A silo joining or leaving moves range boundaries: take the new range at once, not at the next refresh.
            membership.Changed += snapshot => _ = RefreshSafelyAsync();
            _subscribed = true;
        }

        await RefreshAsync(cancellationToken);
        _refresh = _time.CreateTimer(static s => _ = ((ReminderService)s!).RefreshSafelyAsync(), this, _options.RefreshPeriod, _options.RefreshPeriod);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"Cannot register reminder '{reminderName}' of {grainId}: its period {period} is less than the minimum reminder period {_options.MinimumReminderPeriod}.");
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must not be negative.");
        }

        var entry = new ReminderEntry { GrainId = grainId, ReminderName = reminderName, StartAt = _time.GetUtcNow() + dueTime, Period = period };
        MarkChanged(grainId, reminderName);
        var etag = await Table.UpsertRowAsync(entry);
        if (_range.Contains(StableHash.Compute(grainId)))
        {
            Schedule(entry with { ETag = etag });
        }
        else
        {
            // Another silo owns this grain's range: drop a local copy from an older range and tell the owner now,
            // rather than letting it find the row at its next refresh.
            Unschedule(grainId, reminderName);
            await NotifyOwnerAsync(grainId, reminderName);
        }

        return new GrainReminder(reminderName, etag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        MarkChanged(grainId, reminder.ReminderName);
        var etag = (reminder as GrainReminder)?.ETag
            ?? (await Table.ReadRowAsync(grainId, reminder.ReminderName))?.ETag;
        if (etag is not null)
        {
            await Table.RemoveRowAsync(grainId, reminder.ReminderName, etag);
        }

        Unschedule(grainId, reminder.ReminderName);
        if (!_range.Contains(StableHash.Compute(grainId)))
        {
            await NotifyOwnerAsync(grainId, reminder.ReminderName);
        }
    }

    /// <summary>
    /// Another silo changed a reminder in this silo's range (a control call): the row is read again and scheduled
    /// or dropped. A change of a row outside the range only drops a local copy.
    /// </summary>
    public async Task OnChangedElsewhereAsync(GrainId grainId, string reminderName)
    {
        if (!IsConfigured)
        {
            return;
        }

        MarkChanged(grainId, reminderName);
        var row = _range.Contains(StableHash.Compute(grainId)) ? await Table.ReadRowAsync(grainId, reminderName) : null;
        if (row is null)
        {
            Unschedule(grainId, reminderName);
        }
        else
        {
            Schedule(row);
        }
    }

    private async Task NotifyOwnerAsync(GrainId grainId, string reminderName)
    {
        if (Membership is not { LocalSilo: { } self } membership)
        {
            return;
        }

        var owner = ReminderRange.OwnerOf(StableHash.Compute(grainId), self, membership.Current.ActiveSilos);
        try
        {
            await Client.Management.SiloControl.For(grains, owner).ReminderChanged(grainId, reminderName);
        }
        catch (Exception ex)
        {
            // The row is written; the owner schedules it at its next refresh at the latest.
            LogNotifyFailed(logger, ex, reminderName, grainId.ToString(), owner.ToString());
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await Table.ReadRowAsync(grainId, reminderName) is { ETag: { } etag } row ? new GrainReminder(row.ReminderName, etag) : null;

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId) =>
        [.. (await Table.ReadRowsAsync(grainId)).Select(r => new GrainReminder(r.ReminderName, r.ETag ?? string.Empty))];

    public async ValueTask DisposeAsync()
    {
        LocalReminder[] all;
        lock (_lock)
        {
            _stopped = true;
            all = [.. _local.Values];
            _local.Clear();
        }

        if (_refresh is not null)
        {
            await _refresh.DisposeAsync();
        }

        foreach (var reminder in all)
        {
            reminder.Dispose();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            long startedAt;
            lock (_lock)
            {
                startedAt = _changes;
            }

            var range = CurrentRange();
            _range = range;
            var rows = await Table.ReadRowsAsync(range.BeginExclusive, range.EndInclusive, cancellationToken);
            var seen = new HashSet<(GrainId, string)>();
            foreach (var row in rows)
            {
                seen.Add((row.GrainId, row.ReminderName));
                Schedule(row, notChangedSince: startedAt);
            }

            List<LocalReminder> gone = [];
            lock (_lock)
            {
                foreach (var key in _local.Keys.Where(k => !seen.Contains(k) && !ChangedSince(k, startedAt)).ToArray())
                {
                    _local.Remove(key, out var reminder);
                    gone.Add(reminder!);
                }
            }

            gone.ForEach(r => r.Dispose());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshSafelyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRefreshFailed(logger, ex);
        }
    }

    private void MarkChanged(GrainId grainId, string reminderName)
    {
        lock (_lock)
        {
            _changedAt[(grainId, reminderName)] = ++_changes;
        }
    }

    private bool ChangedSince((GrainId, string) key, long stamp) => _changedAt.TryGetValue(key, out var at) && at > stamp;

    /// <summary>
    /// Schedules (or reschedules, when the row changed) one reminder. With <paramref name="notChangedSince"/>
    /// (a refresh), a key this silo changed after that stamp is left alone.
    /// </summary>
    private void Schedule(ReminderEntry entry, long? notChangedSince = null)
    {
        var candidate = new LocalReminder(entry, this);
        LocalReminder? discard = candidate;
        LocalReminder? replaced = null;
        var key = (entry.GrainId, entry.ReminderName);
        lock (_lock)
        {
            bool stale = notChangedSince is { } stamp && ChangedSince(key, stamp);
            bool unchanged = _local.TryGetValue(key, out var existing) && existing.Entry.ETag == entry.ETag;
            if (!_stopped && !stale && !unchanged)
            {
                replaced = existing;
                _local[key] = candidate;
                discard = null;
            }
        }

        replaced?.Dispose();
        discard?.Dispose();
        if (discard is null)
        {
            candidate.Start();
        }
    }

    private void Unschedule(GrainId grainId, string reminderName)
    {
        LocalReminder? removed;
        lock (_lock)
        {
            _local.Remove((grainId, reminderName), out removed);
        }

        removed?.Dispose();
    }

    private async Task TickAsync(LocalReminder reminder, DateTimeOffset tickTime)
    {
        var entry = reminder.Entry;
        try
        {
            await grains.GetGrain<IRemindable>(entry.GrainId)
                .ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, tickTime));
        }
        catch (Exception ex)
        {
            LogTickFailed(logger, ex, entry.ReminderName, entry.GrainId.ToString());
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed to tick; the next tick is scheduled")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string reminderName, string grainId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Could not refresh reminders from the reminder table; will retry")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Could not tell silo {Owner} that reminder {ReminderName} of {GrainId} changed; it picks the change up at its next refresh")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string reminderName, string grainId, string owner);

    /// <summary>The timer of one reminder in this silo.</summary>
    private sealed class LocalReminder : IDisposable
    {
        private readonly ReminderService _service;
        private readonly ITimer _timer;
        private DateTimeOffset _nextTick;
        private volatile bool _disposed;

        public LocalReminder(ReminderEntry entry, ReminderService service)
        {
            Entry = entry;
            _service = service;
            _timer = service._time.CreateTimer(static s => _ = ((LocalReminder)s!).FireAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Arms the first tick; separate from construction so nothing fires for a reminder never kept.</summary>
        public void Start() => Arm();

        public ReminderEntry Entry { get; }

        public void Dispose()
        {
            _disposed = true;
            _timer.Dispose();
        }

        /// <summary>Arms the timer for the first tick at or after now.</summary>
        private void Arm()
        {
            var now = _service._time.GetUtcNow();
            var next = Entry.StartAt;
            if (next < now)
            {
                long periods = (long)Math.Ceiling((now - Entry.StartAt).Ticks / (double)Entry.Period.Ticks);
                next = Entry.StartAt + TimeSpan.FromTicks(Entry.Period.Ticks * periods);
            }

            _nextTick = next;
            Rearm(next - now < TimeSpan.Zero ? TimeSpan.Zero : next - now);
        }

        private void Rearm(TimeSpan due)
        {
            try
            {
                if (!_disposed)
                {
                    _timer.Change(due, Timeout.InfiniteTimeSpan);
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the change: the reminder was unscheduled meanwhile.
            }
        }

        private async Task FireAsync()
        {
            if (_disposed)
            {
                return;
            }

            var tickTime = _nextTick;
            await _service.TickAsync(this, tickTime);
            ArmAfter(tickTime);
        }

        private void ArmAfter(DateTimeOffset delivered)
        {
            var now = _service._time.GetUtcNow();
            long periods = (long)Math.Floor((delivered - Entry.StartAt).Ticks / (double)Entry.Period.Ticks) + 1;
            var next = Entry.StartAt + TimeSpan.FromTicks(Entry.Period.Ticks * periods);
            while (next < now)
            {
                next += Entry.Period;
            }

            _nextTick = next;
            Rearm(next - now);
        }
    }
}
