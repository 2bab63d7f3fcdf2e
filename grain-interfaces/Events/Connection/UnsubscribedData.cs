namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>unsubscribed</c>: acknowledges an <c>unsubscribe</c> (the envelope's <c>id</c> is the request's), with the socket's resulting selection.</summary>
public sealed record UnsubscribedData(
    IReadOnlyList<string> Events,
    SubscriptionFilters? Filters);
