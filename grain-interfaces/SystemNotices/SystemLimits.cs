namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>The input limits of <see cref="ISystemGrain"/>; anything beyond them is refused with nothing broadcast.</summary>
public static class SystemLimits
{
    public const int MaxTitleLength = 200;

    public const int MaxMessageLength = 2000;

    /// <summary>Impact text, action label.</summary>
    public const int MaxShortTextLength = 500;

    public const int MaxUrlLength = 2048;

    /// <summary>Component names, action types, affected service names: safe keys of at most this length.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Distinct components whose status is kept.</summary>
    public const int MaxComponents = 100;

    public const int MaxAffectedServices = 32;

    /// <summary>One week.</summary>
    public const int MaxMaintenanceMinutes = 7 * 24 * 60;

    /// <summary>How far ahead a window may be scheduled.</summary>
    public static readonly TimeSpan MaxMaintenanceLead = TimeSpan.FromDays(365);
}
