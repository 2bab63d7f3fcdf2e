namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of <c>POST /api/users/{userId}/notifications/read</c>: either <see cref="Ids"/> or <see cref="All"/> true.</summary>
public sealed record MarkNotificationsReadRequest
{
    public IReadOnlyList<string>? Ids { get; init; }

    public bool All { get; init; }
}
