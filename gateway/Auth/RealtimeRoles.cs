namespace OrleansRealtime.Gateway.Auth;

/// <summary>The roles with a meaning to the gateway; any other role is carried but grants nothing.</summary>
public static class RealtimeRoles
{
    /// <summary>May act on anyone's resources, broadcast, and use the system endpoints.</summary>
    public const string Admin = "admin";

    /// <summary>Another backend service: may act on anyone's resources, but not broadcast or use the system endpoints.</summary>
    public const string Service = "service";
}
