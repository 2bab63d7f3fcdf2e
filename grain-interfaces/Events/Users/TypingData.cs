namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>typing</c> (document 001): one of the user's sessions started or stopped typing. Sent to the
/// user's other sessions; Socket.IO carries only <see cref="IsTyping"/> (a bare boolean).
/// </summary>
/// <param name="IsTyping">Whether the session is typing now.</param>
/// <param name="UserId">The typing user.</param>
/// <param name="SessionId">The typing session, when known.</param>
public sealed record TypingData(bool IsTyping, string? UserId = null, string? SessionId = null);
