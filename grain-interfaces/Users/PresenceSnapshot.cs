namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>A user's live sessions, oldest first.</summary>
public sealed record PresenceSnapshot
{
    public required string UserId { get; init; }

    public IReadOnlyList<PresenceSession> Sessions { get; init; } = [];

    public bool Online => Sessions.Count > 0;
}
