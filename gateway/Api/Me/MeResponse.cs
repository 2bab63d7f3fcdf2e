namespace OrleansRealtime.Gateway.Api.Me;

/// <summary>The caller as the token describes it.</summary>
public sealed record MeResponse(string UserId, IReadOnlyList<string> Roles, IReadOnlyList<string> Wallets, bool IsAdmin, bool IsService);
