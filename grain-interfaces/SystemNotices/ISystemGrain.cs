using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;

namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>
/// System notices for every connected user (one instance, key <see cref="SystemGrainKey.Global"/>):
/// <c>system_notification</c>, <c>system_status_update</c>, <c>system_announcement</c> and scheduled
/// <c>maintenance_mode</c>, all published to the broadcast stream <c>broadcast/all</c>.
/// </summary>
/// <remarks>
/// <para><b>Ordering and delivery.</b> Calls run one at a time. Each validates first (a <c>Domain*Exception</c>
/// with nothing stored and nothing broadcast), then persists what it keeps (component statuses, the
/// maintenance window), then broadcasts and awaits the publish, so broadcasts are in call order. All these
/// events are durable. Maintenance phases are driven by a durable reminder: they are announced even if
/// the silo restarted in between; a phase whose time passed while no silo ran is skipped in favour of the
/// current one (a window that ended during an outage announces only <c>completed</c>).</para>
/// </remarks>
public interface ISystemGrain : IGrainWithStringKey
{
    /// <summary>Broadcasts <c>system_notification</c>. Returns the envelope sent (its id and timestamp).</summary>
    Task<Envelope> SendNotificationAsync(SystemNotificationData notification);

    /// <summary>Records the component's status and broadcasts <c>system_status_update</c>.</summary>
    Task<Envelope> SendStatusUpdateAsync(SystemStatusUpdateData update);

    /// <summary>The last status of every component, ordered by component name.</summary>
    Task<IReadOnlyList<ComponentStatus>> GetComponentStatusesAsync();

    /// <summary>Broadcasts <c>system_announcement</c> <c>{message}</c> (document 002's broadcast).</summary>
    Task<Envelope> SendAnnouncementAsync(string message);

    /// <summary>
    /// Schedules a maintenance window and announces it (<c>maintenance_mode</c> with the current phase,
    /// normally <c>scheduled</c>); later phases follow through a reminder. One window at a time:
    /// <c>maintenance_already_scheduled</c> (409) while one is pending or in progress.
    /// </summary>
    Task<MaintenanceWindow> ScheduleMaintenanceAsync(MaintenanceRequest request);

    /// <summary>Cancels the pending or running window and broadcasts <c>cancelled</c>; <c>maintenance_not_found</c> (404) when there is none.</summary>
    Task<MaintenanceWindow> CancelMaintenanceAsync();

    /// <summary>The pending or running window, or null.</summary>
    Task<MaintenanceWindow?> GetMaintenanceAsync();
}
