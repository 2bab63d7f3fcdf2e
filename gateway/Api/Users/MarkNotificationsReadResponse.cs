namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>How many notifications changed from unread to read.</summary>
public sealed record MarkNotificationsReadResponse(int Marked);
