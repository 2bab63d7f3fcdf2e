using Microsoft.Extensions.Options;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Platforms.Demo;

/// <summary>
/// A deterministic platform that needs no network: each library owns a generated catalog
/// (<see cref="DemoCatalog"/>), each game read takes <see cref="DemoPlatformOptions.PerGameDelay"/> of the
/// injected clock, and failures are injected by game number and attempt, so the same settings always give
/// the same outcome, across silo restarts too: a 503 at game N (for the first <c>FailTimes</c> reads, or
/// always) and one rate limit at game N (its first read only, so the resumed sync gets through).
/// </summary>
public sealed class DemoGamePlatform(IOptions<DemoPlatformOptions> options, TimeProvider time) : IGamePlatform
{
    public const string PlatformName = "demo";

    public string Name => PlatformName;

    public string DisplayName => "Demo";

    public TimeSpan EstimatedTimePerGame(PlatformSyncContext context) => Settings(context).PerGameDelay;

    public string? CheckAvailable(PlatformSyncContext context) =>
        options.Value.Enabled ? null : $"The demo platform is disabled ({DemoPlatformOptions.SectionName}:Enabled).";

    public Task<IReadOnlyList<OwnedGame>> GetOwnedGamesAsync(PlatformSyncContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<OwnedGame> games = [.. Enumerable.Range(1, Settings(context).CatalogSize).Select(n =>
        {
            var game = DemoCatalog.Game(context.LibraryId, n, now);
            return new OwnedGame(game.PlatformGameId, game.Title, game.TotalPlaytimeMinutes, game.LastPlayedAt, game.CoverImageUrl);
        })];
        return Task.FromResult(games);
    }

    public async Task<PlatformGame> GetGameAsync(PlatformSyncContext context, OwnedGame game, int attempt, CancellationToken cancellationToken)
    {
        var settings = Settings(context);
        if (settings.PerGameDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.PerGameDelay, time, cancellationToken);
        }

        var number = DemoCatalog.Number(game.PlatformGameId)
            ?? throw new PlatformUnavailableException($"The demo platform has no game '{game.PlatformGameId}'.", 404);
        var now = time.GetUtcNow();
        if (number == settings.RateLimitAtGame && attempt == 1)
        {
            throw new PlatformRateLimitedException(
                $"Demo platform rate limit reached at game {number}", settings.RetryAfter, 0, now + settings.RetryAfter);
        }

        if (number == settings.FailAtGame && (settings.FailTimes is null || attempt <= settings.FailTimes))
        {
            throw new PlatformUnavailableException("Demo platform returned 503 Service Unavailable", 503);
        }

        return DemoCatalog.Game(context.LibraryId, number, now);
    }

    private DemoSettings Settings(PlatformSyncContext context) => DemoSettings.Merge(options.Value, context.Demo);
}
