using Microsoft.Extensions.Options;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Platforms;

public sealed class DemoGamePlatformTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 7, 20, 12, 0, 0, TimeSpan.Zero));

    private DemoGamePlatform Platform(DemoPlatformOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? new DemoPlatformOptions { PerGameDelay = TimeSpan.Zero }), _time);

    private static PlatformSyncContext Context(string libraryId, DemoSyncSettings? demo = null) => new(libraryId, "user", "op", demo);

    [Fact]
    public async Task The_catalog_is_determined_by_the_library_id()
    {
        var platform = Platform();

        var first = await platform.GetOwnedGamesAsync(Context("lib-a"), default).WithTimeout();
        var again = await Platform().GetOwnedGamesAsync(Context("lib-a"), default).WithTimeout();
        var other = await platform.GetOwnedGamesAsync(Context("lib-b"), default).WithTimeout();

        Assert.Equal(48, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(g => (g.Title, g.TotalPlaytimeMinutes)), other.Select(g => (g.Title, g.TotalPlaytimeMinutes)));
        Assert.Equal(first.Count, first.Select(g => g.PlatformGameId).Distinct().Count());
        Assert.Contains(first, g => g.TotalPlaytimeMinutes == 0);
        Assert.Contains(first, g => g.TotalPlaytimeMinutes > 0);
    }

    [Fact]
    public async Task A_game_read_has_details_within_the_documented_limits()
    {
        var platform = Platform();
        var owned = await platform.GetOwnedGamesAsync(Context("lib-a", new DemoSyncSettings { CatalogSize = 200 }), default).WithTimeout();

        foreach (var entry in owned)
        {
            var game = await platform.GetGameAsync(Context("lib-a"), entry, attempt: 1, default).WithTimeout();
            Assert.Equal((entry.PlatformGameId, entry.Title, entry.TotalPlaytimeMinutes), (game.PlatformGameId, game.Title, game.TotalPlaytimeMinutes));
            Assert.InRange(game.Genres.Count, 1, 3);
            Assert.True(game.Metacritic is null or (>= 0 and <= 100));
            Assert.False(string.IsNullOrEmpty(game.Developer));
            Assert.All(game.Achievements, a => Assert.True(a.UnlockedAt <= _time.GetUtcNow()));
        }
    }

    [Fact]
    public async Task Each_game_read_takes_the_per_game_delay_on_the_injected_clock()
    {
        var platform = Platform(new DemoPlatformOptions { PerGameDelay = TimeSpan.FromSeconds(2) });
        var owned = (await platform.GetOwnedGamesAsync(Context("lib-a"), default).WithTimeout())[0];

        var read = platform.GetGameAsync(Context("lib-a"), owned, 1, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(owned.PlatformGameId, (await read.WithTimeout()).PlatformGameId);
    }

    [Fact]
    public async Task An_injected_503_fails_the_first_fail_times_reads_of_that_game()
    {
        var platform = Platform();
        var demo = new DemoSyncSettings { FailAtGame = 3, FailTimes = 2 };
        var owned = await platform.GetOwnedGamesAsync(Context("lib-a", demo), default).WithTimeout();

        var first = await Assert.ThrowsAsync<PlatformUnavailableException>(() => platform.GetGameAsync(Context("lib-a", demo), owned[2], 1, default));
        await Assert.ThrowsAsync<PlatformUnavailableException>(() => platform.GetGameAsync(Context("lib-a", demo), owned[2], 2, default));
        var third = await platform.GetGameAsync(Context("lib-a", demo), owned[2], 3, default).WithTimeout();
        var other = await platform.GetGameAsync(Context("lib-a", demo), owned[1], 1, default).WithTimeout();

        Assert.Equal(503, first.StatusCode);
        Assert.True(first.IsTransient);
        Assert.Equal(owned[2].PlatformGameId, third.PlatformGameId);
        Assert.Equal(owned[1].PlatformGameId, other.PlatformGameId);
    }

    [Fact]
    public async Task An_injected_rate_limit_refuses_only_the_first_read_of_that_game()
    {
        var platform = Platform(new DemoPlatformOptions { PerGameDelay = TimeSpan.Zero, RateLimitAtGame = 2, RetryAfter = TimeSpan.FromSeconds(30) });
        var owned = await platform.GetOwnedGamesAsync(Context("lib-a"), default).WithTimeout();

        var limited = await Assert.ThrowsAsync<PlatformRateLimitedException>(() => platform.GetGameAsync(Context("lib-a"), owned[1], 1, default));
        var retried = await platform.GetGameAsync(Context("lib-a"), owned[1], 2, default).WithTimeout();

        Assert.Equal((TimeSpan.FromSeconds(30), 0, _time.GetUtcNow().AddSeconds(30)), (limited.RetryAfter, limited.RequestsRemaining, limited.WindowResetAt));
        Assert.Equal(owned[1].PlatformGameId, retried.PlatformGameId);
    }

    [Fact]
    public async Task Per_operation_settings_override_the_options_and_a_disabled_platform_says_why()
    {
        var platform = Platform(new DemoPlatformOptions { Enabled = false, CatalogSize = 5, PerGameDelay = TimeSpan.FromSeconds(3) });

        var owned = await platform.GetOwnedGamesAsync(Context("lib-a", new DemoSyncSettings { CatalogSize = 7 }), default).WithTimeout();

        Assert.Equal(7, owned.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), platform.EstimatedTimePerGame(Context("lib-a")));
        Assert.Equal(TimeSpan.FromMilliseconds(10), platform.EstimatedTimePerGame(Context("lib-a", new DemoSyncSettings { PerGameDelayMs = 10 })));
        Assert.Contains("Realtime:Platforms:Demo:Enabled", platform.CheckAvailable(Context("lib-a")));
        Assert.Null(Platform().CheckAvailable(Context("lib-a")));
    }
}
