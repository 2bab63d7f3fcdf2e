namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>refresh_token</c> (client to server): a new token for the same subject keeps the session open past the old token's expiry.</summary>
public sealed record RefreshTokenData(string Token);
