namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>subscribe</c> (client to server, document 003): <c>events</c> names event types or categories.</summary>
public sealed record SubscribeData(
    IReadOnlyList<string> Events,
    SubscriptionFilters? Filters = null);
