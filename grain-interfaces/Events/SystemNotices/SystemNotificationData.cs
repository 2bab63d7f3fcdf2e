namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>
/// <c>system_notification</c> (document 003): a notice to every connected user. <see cref="Level"/> is
/// <c>info | warning | error</c> (<see cref="SystemLevels"/>), the values document 003's
/// <c>notification_level</c> filter selects on.
/// </summary>
public sealed record SystemNotificationData
{
    public required string Level { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    /// <summary>An optional call to action, for example <c>{type: "url", label: "View Status", url}</c>.</summary>
    public SystemNotificationAction? Action { get; init; }

    public bool Dismissible { get; init; } = true;

    /// <summary>When clients should stop showing it; null for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
