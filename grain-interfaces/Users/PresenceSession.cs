namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>One live session in a <see cref="PresenceSnapshot"/>.</summary>
public sealed record PresenceSession
{
    public required string SessionId { get; init; }

    public required string Device { get; init; }

    public required string Protocol { get; init; }

    public string? Gateway { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>When the session disappears unless renewed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
