using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of <c>POST /api/users/{userId}/notifications</c>: title at most 200 characters, message at most 2000.</summary>
public sealed record CreateNotificationRequest
{
    public required string Title { get; init; }

    public required string Message { get; init; }

    /// <summary><c>info | success | warning | error</c>; default <c>info</c>.</summary>
    public string Type { get; init; } = NotificationTypes.Info;
}
