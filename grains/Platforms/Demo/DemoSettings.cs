using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Grains.Platforms.Demo;

/// <summary>The demo settings one operation runs with: the configured options overridden by the request's <see cref="DemoSyncSettings"/>.</summary>
internal sealed record DemoSettings(int CatalogSize, TimeSpan PerGameDelay, int? FailAtGame, int? FailTimes, int? RateLimitAtGame, TimeSpan RetryAfter)
{
    public const int MaxCatalogSize = 10_000;

    public static readonly TimeSpan MaxPerGameDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    public static DemoSettings Merge(DemoPlatformOptions options, DemoSyncSettings? overrides) => new(
        overrides?.CatalogSize ?? options.CatalogSize,
        overrides?.PerGameDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : options.PerGameDelay,
        overrides?.FailAtGame ?? options.FailAtGame,
        overrides?.FailTimes ?? options.FailTimes,
        overrides?.RateLimitAtGame ?? options.RateLimitAtGame,
        overrides?.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : options.RetryAfter);

    /// <summary>Refuses out-of-range per-operation overrides with <c>invalid_demo_settings</c>, before anything starts.</summary>
    public static void Validate(DemoSyncSettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        Check(settings.CatalogSize is null or >= 0 and <= MaxCatalogSize, $"catalog_size must be 0..{MaxCatalogSize}.");
        Check(settings.PerGameDelayMs is null or >= 0 and <= 60_000, "per_game_delay_ms must be 0..60000.");
        Check(settings.FailAtGame is null or >= 1, "fail_at_game must be 1 or more.");
        Check(settings.FailTimes is null or >= 1, "fail_times must be 1 or more.");
        Check(settings.RateLimitAtGame is null or >= 1, "rate_limit_at_game must be 1 or more.");
        Check(settings.RetryAfterSeconds is null or >= 1 and <= 86_400, "retry_after_seconds must be 1..86400.");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new DomainValidationException("invalid_demo_settings", message);
        }
    }
}
