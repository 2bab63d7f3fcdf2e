using Microsoft.AspNetCore.Http;
using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Platforms;

/// <summary>Library syncs from Steam through the grains, against the fake Steam server.</summary>
public sealed class SteamSyncTests : IClassFixture<SteamFixture>
{
    private readonly SteamFixture _fixture;

    public SteamSyncTests(SteamFixture fixture)
    {
        _fixture = fixture;
        fixture.Server.Intercept = null;
        fixture.Server.ExpectedKey = SteamFixture.ApiKey;
    }

    private async Task<(ILibraryGrain Library, StreamProbe Probe)> SteamLibraryAsync()
    {
        var probe = await StreamProbe.ForUserAsync(_fixture.Cluster.Client, SteamFixture.UserId);
        var library = _fixture.Cluster.Client.GetGrain<ILibraryGrain>(TestTimeouts.NewKey("lib"));
        await library.CreateAsync(SteamFixture.UserId, "My Steam Library", "steam").WithTimeout();
        return (library, probe);
    }

    [Fact]
    public async Task A_steam_sync_adds_the_owned_games_with_their_unlocked_achievements()
    {
        var (library, probe) = await SteamLibraryAsync();
        await using var _p = probe;

        var start = await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync" }).WithTimeout();

        var done = (await probe.WaitForAsync("sync_completed", e => e.DataAs<SyncCompletedData>().OperationId == start.OperationId)).DataAs<SyncCompletedData>();
        Assert.Equal((3, 3, 0), (done.GamesProcessed, done.GamesAdded, done.ErrorsCount));
        var witcher = (await library.SearchGamesAsync(new GameQuery { TitleContains = "witcher" }).WithTimeout()).Games.Single();
        Assert.Equal(("292030", 7680, FakeSteamServer.WitcherPlayed), (witcher.PlatformGameId, witcher.TotalPlaytimeMinutes, witcher.LastPlayedAt));
        Assert.Equal(["ACH_BREAKFAST", "ACH_PROFESSIONAL"], witcher.Achievements.Select(a => a.AchievementId));
        var stats = await library.GetStatsAsync().WithTimeout();
        Assert.Equal((3, 1, 8280L), (stats.TotalGames, stats.UnplayedGames, stats.TotalPlaytimeMinutes));
    }

    [Fact]
    public async Task A_steam_429_mid_sync_is_announced_and_the_sync_resumes_after_the_retry_after()
    {
        var (library, probe) = await SteamLibraryAsync();
        await using var _p = probe;
        var limited = 0;
        _fixture.Server.Intercept = async context =>
        {
            if (!context.Request.Path.Value!.Contains("GetPlayerAchievements", StringComparison.Ordinal) || Interlocked.Exchange(ref limited, 1) == 1)
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            await context.Response.WriteAsync("Too Many Requests");
            return true;
        };

        var start = await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync" }).WithTimeout();
        var rateLimited = (await probe.WaitForAsync("sync_rate_limited", e => e.DataAs<SyncRateLimitedData>().OperationId == start.OperationId)).DataAs<SyncRateLimitedData>();
        _fixture.Time.Advance(TimeSpan.FromSeconds(120));

        Assert.Equal(("steam", 120, 0, true), (rateLimited.Platform, rateLimited.RetryAfterSeconds, rateLimited.RequestsRemaining, rateLimited.AutoResume));
        var done = (await probe.WaitForAsync("sync_completed", e => e.DataAs<SyncCompletedData>().OperationId == start.OperationId)).DataAs<SyncCompletedData>();
        Assert.Equal((3, 3), (done.GamesProcessed, done.GamesAdded));
    }

    [Fact]
    public async Task A_steam_key_rejected_mid_sync_fails_without_retry_and_with_credential_advice()
    {
        var (library, probe) = await SteamLibraryAsync();
        await using var _p = probe;
        _fixture.Server.ExpectedKey = "rotated-key";

        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();

        var failed = (await probe.WaitForAsync("sync_failed", e => e.DataAs<SyncFailedData>().OperationId == start.OperationId)).DataAs<SyncFailedData>();
        Assert.Equal(("PLATFORM_AUTH_ERROR", false, (int?)null), (failed.ErrorCode, failed.CanRetry, failed.RetryAfterSeconds));
        Assert.Contains("Verify API credentials", failed.RecoverySuggestions);
        Assert.DoesNotContain(SteamFixture.ApiKey, failed.ErrorMessage);
        Assert.DoesNotContain(_fixture.Logs.Lines, l => l.Contains(SteamFixture.ApiKey, StringComparison.Ordinal));
    }
}
