using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Publishing;
using OrleansRealtime.Server.Reminders;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>
/// System notices for everyone, on the broadcast stream (see <see cref="ISystemGrain"/> for the
/// guarantees). Maintenance phases advance through the durable reminder <see cref="MaintenanceReminder"/>.
/// </summary>
[GrainType("system")]
public sealed partial class SystemGrain(
    TimeProvider time,
    [PersistentState("state")] IPersistentState<SystemState> state,
    IOptions<SystemOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    ILogger<SystemGrain> logger)
    : PublishingGrain(time), ISystemGrain, IRemindable
{
    private readonly SystemOptions _options = options.Value;

    /// <summary>
    /// The maintenance reminder's period. Each tick re-registers it for the next phase, so the period only
    /// matters as a retry after a failed tick: one minute, or the cluster's minimum if that is longer.
    /// </summary>
    private readonly TimeSpan _retryPeriod = TimeSpan.FromMinutes(1) > reminderOptions.Value.MinimumReminderPeriod
        ? TimeSpan.FromMinutes(1)
        : reminderOptions.Value.MinimumReminderPeriod;

    private SystemState State => state.State;

    public async Task<Envelope> SendNotificationAsync(SystemNotificationData notification)
    {
        SystemValidation.Notification(notification, Now);
        var envelope = Envelope.Create(notification, Now);
        await BroadcastAsync(envelope);
        return envelope;
    }

    public async Task<Envelope> SendStatusUpdateAsync(SystemStatusUpdateData update)
    {
        SystemValidation.StatusUpdate(update);
        if (!State.Components.ContainsKey(update.Component) && State.Components.Count >= SystemLimits.MaxComponents)
        {
            throw new DomainConflictException("too_many_components", $"At most {SystemLimits.MaxComponents} components are tracked.");
        }

        State.Components[update.Component] = new ComponentStatus
        {
            Component = update.Component,
            Status = update.Status,
            Message = update.Message,
            Impact = update.Impact,
            EstimatedResolution = update.EstimatedResolution,
            UpdatedAt = Now,
        };
        await WriteStateAsync();
        var envelope = Envelope.Create(update, Now);
        await BroadcastAsync(envelope);
        return envelope;
    }

    public Task<IReadOnlyList<ComponentStatus>> GetComponentStatusesAsync() =>
        Task.FromResult<IReadOnlyList<ComponentStatus>>([.. State.Components.Values.OrderBy(c => c.Component, StringComparer.Ordinal)]);

    public async Task<Envelope> SendAnnouncementAsync(string message)
    {
        SystemValidation.Text(message, "message", SystemLimits.MaxMessageLength);
        var envelope = Envelope.Create(new SystemAnnouncementData { Message = message }, Now);
        await BroadcastAsync(envelope);
        return envelope;
    }

    /// <summary>Persists; if storage fails the activation is dropped so the next call starts from storage.</summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex);
            DeactivateOnIdle();
            throw;
        }
    }
}
