namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of <c>PUT /api/users/{userId}/typing</c>.</summary>
public sealed record TypingRequest
{
    public required bool IsTyping { get; init; }
}
