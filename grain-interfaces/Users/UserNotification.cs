namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>A stored notification of one user.</summary>
public sealed record UserNotification
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    /// <summary><c>info | success | warning | error</c> (<see cref="NotificationTypes"/>).</summary>
    public required string Type { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public bool Read => ReadAt is not null;
}
