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
/// ran is not replayed: the next due tick is delivered.
/// </summary>
public sealed partial class ReminderService(IServiceProvider services, IGrainFactory grains, TimeProvider time, IOptions<ReminderOptions> options, ILogger<ReminderService> logger)
    : IAsyncDisposable
{
    private readonly ReminderOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private ITimer? _refresh;
    private bool _stopped;

    private IReminderTable Table => services.GetService<IReminderTable>()
        ?? throw new InvalidOperationException("No reminder service is configured; add UseInMemoryReminderService, UseSqliteReminderService or UsePostgreSqlReminderService.");

    private bool IsConfigured => services.GetService<IReminderTable>() is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
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
        var etag = await Table.UpsertRowAsync(entry);
        Schedule(entry with { ETag = etag });
        return new GrainReminder(reminderName, etag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        var etag = (reminder as GrainReminder)?.ETag
            ?? (await Table.ReadRowAsync(grainId, reminder.ReminderName))?.ETag;
        if (etag is not null)
        {
            await Table.RemoveRowAsync(grainId, reminder.ReminderName, etag);
        }

        Unschedule(grainId, reminder.ReminderName);
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
        var rows = await Table.ReadRowsAsync(0u, 0u, cancellationToken);
        var seen = new HashSet<(GrainId, string)>();
        foreach (var row in rows)
        {
            seen.Add((row.GrainId, row.ReminderName));
            Schedule(row);
        }

        lock (_lock)
        {
            foreach (var key in _local.Keys.Where(k => !seen.Contains(k)).ToArray())
            {
                _local.Remove(key, out var gone);
                gone?.Dispose();
            }
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

    /// <summary>Schedules (or reschedules, when the row changed) one reminder.</summary>
    private void Schedule(ReminderEntry entry)
    {
        LocalReminder? replaced = null;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var key = (entry.GrainId, entry.ReminderName);
            if (_local.TryGetValue(key, out var existing))
            {
                if (existing.Entry.ETag == entry.ETag)
                {
                    return;
                }

                replaced = existing;
            }

            _local[key] = new LocalReminder(entry, this);
        }

        replaced?.Dispose();
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
            Arm();
        }

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
            if (!_disposed)
            {
                _timer.Change(next - now < TimeSpan.Zero ? TimeSpan.Zero : next - now, Timeout.InfiniteTimeSpan);
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
            if (!_disposed)
            {
                _timer.Change(next - now, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
