namespace OrleansRealtime.Grains.Users;

/// <summary>Options of <see cref="UserGrain"/>, bound from <c>Realtime:Users</c> and validated at start.</summary>
public sealed class UserOptions
{
    public const string SectionName = "Realtime:Users";

    /// <summary>Tokens credited by the daily reward (document 001's example: 10). 1..1,000,000,000.</summary>
    public long DailyRewardAmount { get; set; } = 10;

    /// <summary>
    /// How long a session stays present without a renewal (2 minutes). Gateways renew at about a third of
    /// it. At most 10 minutes, so renewals keep the activation (which holds presence in memory) well within
    /// the 15-minute idle collection age.
    /// </summary>
    public TimeSpan SessionLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest accepted <see cref="SessionLease"/>.</summary>
    public static readonly TimeSpan MaxSessionLease = TimeSpan.FromMinutes(10);
}
