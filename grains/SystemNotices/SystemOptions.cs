namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>Options of <see cref="SystemGrain"/>, bound from <c>Realtime:System</c> and validated at start.</summary>
public sealed class SystemOptions
{
    public const string SectionName = "Realtime:System";

    /// <summary>
    /// How long before a maintenance window starts the <c>starting</c> phase is announced (5 minutes, as in
    /// document 003's "System maintenance starting in 5 minutes"). Positive, at most one day.
    /// </summary>
    public TimeSpan AnnounceAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest accepted <see cref="AnnounceAhead"/>.</summary>
    public static readonly TimeSpan MaxAnnounceAhead = TimeSpan.FromDays(1);
}
