namespace OrleansRealtime.Grains.Platforms.Demo;

/// <summary>
/// The built-in demo platform, bound from <c>Realtime:Platforms:Demo</c>. Every value can be overridden per
/// sync through <c>SyncRequest.demo</c>. Game numbers count from 1 in platform order.
/// </summary>
public sealed class DemoPlatformOptions
{
    public const string SectionName = "Realtime:Platforms:Demo";

    /// <summary>Whether libraries may sync from <c>demo</c>. Default true: it needs no network or account.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Games in every generated catalog, 0..10,000. Default 48.</summary>
    public int CatalogSize { get; set; } = 48;

    /// <summary>Time the platform takes per game, 0..1 min. Default 200 ms, so a default sync visibly progresses for about 10 s.</summary>
    public TimeSpan PerGameDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Reading this game answers 503 (null: never). Default null.</summary>
    public int? FailAtGame { get; set; }

    /// <summary>How many reads of <see cref="FailAtGame"/> fail; null: all of them. Default null.</summary>
    public int? FailTimes { get; set; }

    /// <summary>The first read of this game is rate limited (null: never). Default null.</summary>
    public int? RateLimitAtGame { get; set; }

    /// <summary>The retry-after of an injected rate limit, 1 s..1 day. Default 60 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
