using OrleansRealtime.GrainInterfaces.Events.SystemNotices;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // System notices go to every user on the broadcast stream. They are rare and each one matters (a
    // missed maintenance_mode leaves a client showing a stale banner), so all are durable.
    private static IEnumerable<EventDescriptor> SystemNotices() =>
    [
        new("system_notification", typeof(SystemNotificationData), EventCategory.System, DeliveryClass.Durable,
            "A notice to every user: level, title, message, an optional action, dismissible, expires_at."),
        new("system_status_update", typeof(SystemStatusUpdateData), EventCategory.System, DeliveryClass.Durable,
            "A component's health changed: status, impact and estimated resolution."),
        new("system_announcement", typeof(SystemAnnouncementData), EventCategory.System, DeliveryClass.Durable,
            "A system-wide message (document 002's broadcast)."),
        new("maintenance_mode", typeof(MaintenanceModeData), EventCategory.System, DeliveryClass.Durable,
            "A maintenance window's phase: scheduled, starting (announced ahead), in_progress, completed or cancelled."),
    ];
}
