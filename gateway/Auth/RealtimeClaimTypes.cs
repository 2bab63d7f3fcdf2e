namespace OrleansRealtime.Gateway.Auth;

/// <summary>The JWT claims the gateway reads (issue 4: <c>sub</c>, optional <c>roles</c> and repeatable <c>wallet</c>).</summary>
public static class RealtimeClaimTypes
{
    /// <summary>The user id.</summary>
    public const string Subject = "sub";

    /// <summary>A string or an array of strings (<see cref="RealtimeRoles"/>).</summary>
    public const string Roles = "roles";

    /// <summary>A wallet address linked to the user; a string or an array.</summary>
    public const string Wallet = "wallet";
}
