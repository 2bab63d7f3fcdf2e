namespace OrleansRealtime.Gateway.Auth;

/// <summary>Authorization policy names. Every <c>/api</c> endpoint needs an authenticated caller; these add to that.</summary>
public static class RealtimePolicies
{
    /// <summary>Role <see cref="RealtimeRoles.Admin"/>: broadcast and <c>/api/system/*</c>.</summary>
    public const string Admin = "realtime-admin";
}
