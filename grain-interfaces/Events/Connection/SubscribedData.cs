namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>subscribed</c>: acknowledges a <c>subscribe</c> (the envelope's <c>id</c> is the request's), with the socket's resulting selection.</summary>
public sealed record SubscribedData(
    IReadOnlyList<string> Events,
    SubscriptionFilters? Filters);
