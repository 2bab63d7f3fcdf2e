namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    private static IEnumerable<EventDescriptor> Library() => [];
}
