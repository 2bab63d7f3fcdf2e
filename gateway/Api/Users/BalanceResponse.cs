namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>A user's balance in whole tokens.</summary>
public sealed record BalanceResponse(string UserId, long Balance);
