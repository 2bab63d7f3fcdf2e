using OrleansRealtime.GrainInterfaces.Events.Library;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // Library changes are facts a client's view of the library is built from: all durable, so a resuming
    // client replays them rather than reloading the library.
    private static IEnumerable<EventDescriptor> Library() =>
    [
        new("game_added", typeof(GameAddedData), EventCategory.Library, DeliveryClass.Durable,
            "A game joined a library, by hand or through a sync (source, operation_id)."),
        new("game_updated", typeof(GameUpdatedData), EventCategory.Library, DeliveryClass.Durable,
            "Fields of a game changed; changes lists only the fields that really changed, each with old and new."),
        new("achievement_unlocked", typeof(AchievementUnlockedData), EventCategory.Library, DeliveryClass.Durable,
            "An achievement of a game was unlocked (once per achievement)."),
    ];
}
