namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary>The <c>filters</c> of a <c>subscribe</c> (document 003). Each applies only to events that carry the filtered field.</summary>
public sealed record SubscriptionFilters(
    string? LibraryId = null,
    IReadOnlyList<string>? GameGenres = null,
    IReadOnlyList<string>? NotificationLevel = null);
