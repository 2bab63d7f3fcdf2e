namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>Body of <c>PUT /api/users/{userId}/personas/{personaId}/check-in</c>.</summary>
public sealed record CheckInRequest
{
    public required bool Enabled { get; init; }

    /// <summary>When the daily check-in arrives, UTC <c>HH:mm:ss</c>; default the configured time.</summary>
    public TimeOnly? TimeOfDayUtc { get; init; }
}
