using OrleansRealtime.GrainInterfaces.Events.Users;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // What a user owns (appearance, balance, notifications, tasks, profile) is durable: a session that
    // missed it would show stale state. Typing and presence describe "now" and carry their whole state,
    // so a newer one replaces a queued older one (conflated per user stream).
    private static IEnumerable<EventDescriptor> Users() =>
    [
        new("appearance_updated", typeof(AppearanceUpdatedData), EventCategory.Appearance, DeliveryClass.Durable,
            "The active avatar, banner or theme of an app changed; sent to the user's other sessions."),
        new("profile_updated", typeof(ProfileUpdatedData), EventCategory.Appearance, DeliveryClass.Durable,
            "The display name, bio or linked wallets changed (ours; appearance because it is how the user is shown)."),
        new("balance:update", typeof(BalanceUpdateData), EventCategory.Balance, DeliveryClass.Durable,
            "The token balance after a deposit, withdrawal or daily reward.",
            SocketIoEvent: "balance:update"),
        new("notification", typeof(NotificationData), EventCategory.Notifications, DeliveryClass.Durable,
            "A new notification for the user (type info, success, warning or error).",
            SocketIoEvent: "notification"),
        new("notifications_read", typeof(NotificationsReadData), EventCategory.Notifications, DeliveryClass.Durable,
            "Notifications were marked read (ours), so every session can update its unread count."),
        new("task_update", typeof(TaskUpdateData), EventCategory.Notifications, DeliveryClass.Durable,
            "A plugin's task was created, updated or deleted (action); data is the sender's, with task_id."),
        new("typing", typeof(TypingData), EventCategory.Presence, DeliveryClass.Conflatable,
            "Another session of the user started or stopped typing; Socket.IO sends only is_typing.",
            SocketIoEvent: "typing", SocketIoPayloadField: "is_typing"),
        new("presence_updated", typeof(PresenceUpdatedData), EventCategory.Presence, DeliveryClass.Conflatable,
            "The user's live sessions changed (ours): the whole set, so only the latest matters."),
    ];
}
