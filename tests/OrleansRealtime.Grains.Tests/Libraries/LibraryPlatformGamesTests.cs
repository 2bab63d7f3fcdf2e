using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Libraries;

/// <summary>The merge a sync performs: <see cref="ILibraryGrain.ApplyPlatformGamesAsync"/>.</summary>
public sealed class LibraryPlatformGamesTests(LibraryTestCluster fixture) : IClassFixture<LibraryTestCluster>
{
    private static readonly DateTimeOffset Played = DateTimeOffset.Parse("2024-07-19T20:00:00Z");

    private static PlatformGame Witcher(long playtime, params string[] achievements) => new()
    {
        PlatformGameId = "292030",
        Title = "The Witcher 3: Wild Hunt",
        Developer = "CD Projekt Red",
        Genres = ["RPG"],
        Metacritic = 92,
        TotalPlaytimeMinutes = playtime,
        LastPlayedAt = Played,
        Achievements = [.. achievements.Select(a => new Achievement { AchievementId = a, Title = a, UnlockedAt = Played })],
    };

    [Fact]
    public async Task A_new_platform_game_is_added_with_its_achievements_and_one_game_added()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;

        var result = await library.ApplyPlatformGamesAsync([Witcher(100, "a1", "a2")], "op-1").WithTimeout();

        var added = Assert.Single(result.Added);
        Assert.Empty(result.Updated);
        var data = (await probe.WaitForAsync("game_added")).DataAs<GameAddedData>();
        Assert.Equal(added.GameId, data.Game.GameId);
        Assert.Equal("sync_operation", data.Source);
        Assert.Equal("op-1", data.OperationId);
        var game = (await library.GetGameAsync(added.GameId).WithTimeout())!;
        Assert.Equal("292030", game.PlatformGameId);
        Assert.Equal(["a1", "a2"], game.Achievements.Select(a => a.AchievementId));
        // Achievements of a game new to the library are history, not news.
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, probe.Received.Count);
        Assert.Empty(probe.OfType("achievement_unlocked"));
    }

    [Fact]
    public async Task A_known_game_gets_changed_fields_and_new_achievements_with_change_names()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var gameId = (await library.ApplyPlatformGamesAsync([Witcher(7620, "a1")], "op-1").WithTimeout()).Added[0].GameId;

        // Steam knows no genres or metacritic: empty and null must not clear what the library has.
        var result = await library.ApplyPlatformGamesAsync(
            [Witcher(7680, "a1", "a2") with { Genres = [], Metacritic = null, Developer = null }], "op-2").WithTimeout();

        var updated = Assert.Single(result.Updated);
        Assert.Equal(gameId, updated.GameId);
        Assert.Equal(["playtime_updated", "achievement_unlocked"], updated.Changes);
        var changes = (await probe.WaitForAsync("game_updated")).DataAs<GameUpdatedData>();
        Assert.Equal(["total_playtime_minutes"], changes.Changes.Keys);
        Assert.Equal("op-2", changes.OperationId);
        var unlocked = (await probe.WaitForAsync("achievement_unlocked")).DataAs<AchievementUnlockedData>();
        Assert.Equal("a2", unlocked.Achievement.AchievementId);
        Assert.Equal(Played, unlocked.UnlockedAt);
        var game = (await library.GetGameAsync(gameId).WithTimeout())!;
        Assert.Equal(["RPG"], game.Genres);
        Assert.Equal(92, game.Metacritic);
        Assert.Equal("CD Projekt Red", game.Developer);
    }

    [Fact]
    public async Task Applying_the_same_games_again_changes_and_publishes_nothing()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        await library.ApplyPlatformGamesAsync([Witcher(100, "a1")], "op-1").WithTimeout();
        await probe.WaitForAsync("game_added");
        var before = probe.Received.Count;

        var result = await library.ApplyPlatformGamesAsync([Witcher(100, "a1")], "op-2").WithTimeout();

        Assert.Empty(result.Added);
        Assert.Empty(result.Updated);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task Invalid_platform_entries_are_skipped_and_counted()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;

        var result = await library.ApplyPlatformGamesAsync(
            [Witcher(100) with { Title = new string('x', 201) }, Witcher(100) with { PlatformGameId = "1", Metacritic = 500 }, Witcher(5) with { PlatformGameId = "2" }],
            "op-1").WithTimeout();

        Assert.Equal(2, result.Errors);
        Assert.Equal("2", Assert.Single(result.Added).PlatformGameId);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var games = Enumerable.Range(1, LibraryLimits.MaxApplyBatch + 1).Select(i => Witcher(1) with { PlatformGameId = $"{i}" }).ToList();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => library.ApplyPlatformGamesAsync(games, "op-1").WithTimeout());

        Assert.Equal("invalid_input", ex.ErrorCode);
        Assert.Equal(0, (await library.GetInfoAsync().WithTimeout())!.GameCount);
    }
}
