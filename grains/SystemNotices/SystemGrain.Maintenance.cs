using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Grains.SystemNotices;

public sealed partial class SystemGrain
{
    private const string MaintenanceReminder = "maintenance";

    private static readonly string[] PhaseOrder =
        [MaintenanceStatuses.Scheduled, MaintenanceStatuses.Starting, MaintenanceStatuses.InProgress, MaintenanceStatuses.Completed];

    public async Task<MaintenanceWindow> ScheduleMaintenanceAsync(MaintenanceRequest request)
    {
        var now = Now;
        SystemValidation.Maintenance(request, now);
        if (State.Maintenance is { } existing)
        {
            throw new DomainConflictException("maintenance_already_scheduled",
                $"Maintenance {existing.Id} is already {existing.Status}; cancel it first.");
        }

        var window = new MaintenanceWindow
        {
            Id = Guid.NewGuid().ToString("N"),
            Status = MaintenanceStatuses.Scheduled,
            Message = request.Message,
            ScheduledStart = request.ScheduledStart,
            ScheduledEnd = request.ScheduledStart.AddMinutes(request.DurationMinutes),
            DurationMinutes = request.DurationMinutes,
            AffectedServices = [.. request.AffectedServices ?? []],
            ScheduledAt = now,
        };
        window = window with { Status = MaintenancePhases.At(window, now, _options.AnnounceAhead) };

        // The reminder first: if the write then fails, its tick finds no window and removes itself.
        await ArmReminderAsync(window, now);
        State.Maintenance = window;
        await WriteStateAsync();
        await AnnounceAsync(window, window.Status, now);
        return window;
    }

    public async Task<MaintenanceWindow> CancelMaintenanceAsync()
    {
        var window = State.Maintenance
            ?? throw new DomainNotFoundException("maintenance_not_found", "No maintenance is scheduled or in progress.");
        var now = Now;
        State.Maintenance = null;
        await WriteStateAsync();
        await DisarmReminderAsync(); // if this fails, the next tick finds no window and removes the reminder
        await AnnounceAsync(window, MaintenanceStatuses.Cancelled, now);
        return window with { Status = MaintenanceStatuses.Cancelled };
    }

    public Task<MaintenanceWindow?> GetMaintenanceAsync() => Task.FromResult(State.Maintenance);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != MaintenanceReminder)
        {
            return;
        }

        if (State.Maintenance is not { } window)
        {
            await DisarmReminderAsync(); // cancelled, or the schedule's write failed
            return;
        }

        var now = Now;
        var phase = MaintenancePhases.At(window, now, _options.AnnounceAhead);
        if (Array.IndexOf(PhaseOrder, phase) <= Array.IndexOf(PhaseOrder, window.Status))
        {
            await ArmReminderAsync(window, now); // early or repeated tick: nothing new to say
            return;
        }

        // Only the current phase is announced: after an outage, a missed "starting" is not sent late.
        // The reminder is re-armed before the broadcast, so whoever sees the announcement sees the next
        // phase already scheduled.
        var advanced = window with { Status = phase };
        State.Maintenance = phase == MaintenanceStatuses.Completed ? null : advanced;
        await WriteStateAsync();
        if (phase == MaintenanceStatuses.Completed)
        {
            await DisarmReminderAsync();
        }
        else
        {
            await ArmReminderAsync(advanced, now);
        }

        await AnnounceAsync(advanced, phase, now);
    }

    private Task AnnounceAsync(MaintenanceWindow window, string phase, DateTimeOffset now)
    {
        LogMaintenancePhase(logger, window.Id, phase);
        return BroadcastAsync(new MaintenanceModeData
        {
            Status = phase,
            Message = MaintenancePhases.Message(window, phase, now),
            DurationMinutes = window.DurationMinutes,
            ScheduledStart = window.ScheduledStart,
            ScheduledEnd = window.ScheduledEnd,
            AffectedServices = window.AffectedServices,
        });
    }

    /// <summary>Registers the reminder for the window's next phase change.</summary>
    private async Task ArmReminderAsync(MaintenanceWindow window, DateTimeOffset now)
    {
        if (MaintenancePhases.NextChange(window, window.Status, _options.AnnounceAhead) is not { } next)
        {
            return;
        }

        var due = next - now;
        await RegisterOrUpdateReminder(MaintenanceReminder, due < TimeSpan.Zero ? TimeSpan.Zero : due, _retryPeriod);
    }

    private async Task DisarmReminderAsync()
    {
        if (await GetReminder(MaintenanceReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }
}
