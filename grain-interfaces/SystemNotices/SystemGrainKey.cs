namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>The key of the single <see cref="ISystemGrain"/>.</summary>
public static class SystemGrainKey
{
    public const string Global = "global";
}
