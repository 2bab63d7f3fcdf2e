namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>A user's daily check-in from a persona (document 001's proactive <c>message:receive</c>).</summary>
public sealed record PersonaCheckIn
{
    public required string UserId { get; init; }

    public required string PersonaId { get; init; }

    public required bool Enabled { get; init; }

    /// <summary>When the check-in arrives each day, in UTC.</summary>
    public required TimeOnly TimeOfDayUtc { get; init; }

    /// <summary>The next check-in while enabled; null when disabled.</summary>
    public DateTimeOffset? NextAt { get; init; }
}
