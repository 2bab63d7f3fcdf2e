namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>token_refreshed</c> (ours): the <c>refresh_token</c> with the request's id was accepted; the session now expires at <c>expires_at</c>.</summary>
public sealed record TokenRefreshedData(DateTimeOffset? ExpiresAt);
