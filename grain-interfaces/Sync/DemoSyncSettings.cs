namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>
/// Per-operation overrides of the demo platform (null fields keep the configured <c>Realtime:Platforms:Demo</c>
/// values), so an HTTP caller can produce each sync outcome offline. Game numbers count from 1 in platform order.
/// </summary>
public sealed record DemoSyncSettings
{
    /// <summary>Games in the generated catalog, 0..10,000.</summary>
    public int? CatalogSize { get; init; }

    /// <summary>Time the platform takes per game, 0..60,000 ms.</summary>
    public int? PerGameDelayMs { get; init; }

    /// <summary>Reading this game fails with a 503, making the sync fail with <c>PLATFORM_API_ERROR</c>.</summary>
    public int? FailAtGame { get; init; }

    /// <summary>How many consecutive reads of <see cref="FailAtGame"/> fail (null: every read, so retries do not help).</summary>
    public int? FailTimes { get; init; }

    /// <summary>Reading this game is rate limited once; the sync publishes <c>sync_rate_limited</c> and resumes after <see cref="RetryAfterSeconds"/>.</summary>
    public int? RateLimitAtGame { get; init; }

    /// <summary>The rate limit's retry-after, 1..86,400 s.</summary>
    public int? RetryAfterSeconds { get; init; }
}
