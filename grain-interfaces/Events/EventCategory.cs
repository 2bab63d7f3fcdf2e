namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// What an event is about. The snake_case names are what clients subscribe to (document 003's
/// <c>subscribe.data.events</c> accepts a category or a single event type).
/// </summary>
public enum EventCategory
{
    Notifications,
    SyncProgress,
    AiChat,
    Library,
    Appearance,
    Balance,
    Presence,
    System,
    Connection,
}
