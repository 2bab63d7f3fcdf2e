namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// One connected session, as the gateway reports it. <see cref="SessionId"/> and the other fields are
/// 1..<see cref="UserLimits.MaxKeyLength"/> safe characters (<see cref="SafeKeys"/>).
/// </summary>
public sealed record SessionInfo
{
    public required string SessionId { get; init; }

    /// <summary>For example <c>browser</c>, <c>mobile</c>, or the client's user agent family.</summary>
    public string Device { get; init; } = "unknown";

    /// <summary>The wire protocol: for example <c>ws</c> (document 003), <c>notifications</c> (002), <c>socket.io</c> (001).</summary>
    public string Protocol { get; init; } = "ws";

    /// <summary>The gateway instance holding the socket, when known.</summary>
    public string? Gateway { get; init; }
}
