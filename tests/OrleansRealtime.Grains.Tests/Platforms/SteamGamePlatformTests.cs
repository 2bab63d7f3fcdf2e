using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Platforms;

/// <summary>The Steam Web API client against a local fake Steam (real HTTP over Kestrel), resolved from the silo's services.</summary>
public sealed class SteamGamePlatformTests : IClassFixture<SteamFixture>
{
    private static readonly PlatformSyncContext Context = new("lib-steam", SteamFixture.UserId, "op-1");

    private readonly SteamFixture _fixture;

    public SteamGamePlatformTests(SteamFixture fixture)
    {
        _fixture = fixture;
        fixture.Server.Intercept = null;
        fixture.Server.ExpectedKey = SteamFixture.ApiKey;
    }

    [Fact]
    public async Task GetOwnedGamesAsync_reads_GetOwnedGames_with_app_info_for_the_mapped_steam_id()
    {
        var games = await _fixture.Platform.GetOwnedGamesAsync(Context, default).WithTimeout();

        Assert.Equal(
            [
                new OwnedGame("292030", "The Witcher 3: Wild Hunt", 7680, FakeSteamServer.WitcherPlayed, "https://cdn.akamai.steamstatic.com/steam/apps/292030/header.jpg"),
                new OwnedGame("1086940", "Baldur's Gate 3", 0, null, "https://cdn.akamai.steamstatic.com/steam/apps/1086940/header.jpg"),
                new OwnedGame("620", "Portal 2", 600, DateTimeOffset.FromUnixTimeSeconds(1600000000), "https://cdn.akamai.steamstatic.com/steam/apps/620/header.jpg"),
            ],
            games);
        var request = _fixture.Server.Requests.Last(r => r.Contains("GetOwnedGames", StringComparison.Ordinal));
        Assert.Contains($"steamid={FakeSteamServer.SteamId}", request);
        Assert.Contains("include_appinfo=1", request);
    }

    [Fact]
    public async Task GetGameAsync_keeps_only_unlocked_achievements_and_treats_no_stats_as_none()
    {
        var owned = await _fixture.Platform.GetOwnedGamesAsync(Context, default).WithTimeout();

        var witcher = await _fixture.Platform.GetGameAsync(Context, owned[0], 1, default).WithTimeout();
        var baldur = await _fixture.Platform.GetGameAsync(Context, owned[1], 1, default).WithTimeout();
        var portal = await _fixture.Platform.GetGameAsync(Context, owned[2], 1, default).WithTimeout();

        Assert.Equal(["ACH_PROFESSIONAL", "ACH_BREAKFAST"], witcher.Achievements.Select(a => a.AchievementId));
        var professional = witcher.Achievements[0];
        Assert.Equal(("Geralt: The Professional", "Complete 10 Witcher contracts", FakeSteamServer.ProfessionalUnlocked), (professional.Title, professional.Description, professional.UnlockedAt));
        Assert.Equal((7680, "The Witcher 3: Wild Hunt"), (witcher.TotalPlaytimeMinutes, witcher.Title));
        Assert.Empty(baldur.Achievements);
        Assert.Empty(portal.Achievements);
        Assert.Contains(_fixture.Server.Requests, r => r.Contains("GetPlayerAchievements", StringComparison.Ordinal) && r.Contains("appid=620", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_a_rate_limit_with_the_retry_after_remaining_requests_and_window_reset()
    {
        var reset = _fixture.Time.GetUtcNow().AddMinutes(5);
        _fixture.Server.Intercept = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("Too Many Requests");
            return true;
        };

        var ex = await Assert.ThrowsAsync<PlatformRateLimitedException>(() => _fixture.Platform.GetOwnedGamesAsync(Context, default));

        Assert.Equal((TimeSpan.FromSeconds(120), 0, reset), (ex.RetryAfter, ex.RequestsRemaining, ex.WindowResetAt));
    }

    [Fact]
    public async Task A_429_without_headers_waits_the_default_retry_after()
    {
        _fixture.Server.Intercept = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Task.FromResult(true);
        };

        var ex = await Assert.ThrowsAsync<PlatformRateLimitedException>(() => _fixture.Platform.GetOwnedGamesAsync(Context, default));

        Assert.Equal((TimeSpan.FromSeconds(60), 0, _fixture.Time.GetUtcNow().AddSeconds(60)), (ex.RetryAfter, ex.RequestsRemaining, ex.WindowResetAt));
    }

    [Fact]
    public async Task A_503_is_a_transient_platform_error()
    {
        _fixture.Server.Intercept = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.FromResult(true);
        };
        var owned = new OwnedGame("292030", "The Witcher 3: Wild Hunt", 7680, null, null);

        var ex = await Assert.ThrowsAsync<PlatformUnavailableException>(() => _fixture.Platform.GetGameAsync(Context, owned, 1, default));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("Steam API returned 503 Service Unavailable", ex.Message);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_bad_key_is_an_authentication_error_and_the_key_never_reaches_a_log_or_message()
    {
        _fixture.Server.ExpectedKey = "the-key-steam-expects";

        var ex = await Assert.ThrowsAsync<PlatformAuthenticationException>(() => _fixture.Platform.GetOwnedGamesAsync(Context, default));
        _fixture.Server.ExpectedKey = SteamFixture.ApiKey;
        _fixture.Server.Intercept = context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.FromResult(true);
        };
        await Assert.ThrowsAsync<PlatformUnavailableException>(() => _fixture.Platform.GetOwnedGamesAsync(Context, default));

        Assert.False(ex.IsTransient);
        Assert.DoesNotContain(SteamFixture.ApiKey, ex.Message);
        Assert.Contains(_fixture.Logs.Lines, l => l.Contains("GetOwnedGames answered HTTP 502", StringComparison.Ordinal));
        Assert.Contains(_fixture.Logs.Lines, l => l.Contains("GetOwnedGames rejected the credentials (HTTP 403)", StringComparison.Ordinal));
        Assert.DoesNotContain(_fixture.Logs.Lines, l => l.Contains(SteamFixture.ApiKey, StringComparison.Ordinal));
        Assert.Contains(_fixture.Server.Requests, r => r.Contains(SteamFixture.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void A_library_is_available_when_its_library_or_owner_is_mapped_to_a_steam_id()
    {
        Assert.Null(_fixture.Platform.CheckAvailable(Context));
        Assert.Contains("SteamIds", _fixture.Platform.CheckAvailable(new PlatformSyncContext("lib-x", "unmapped-user", "op")));
    }
}
