using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Libraries;

public sealed class LibraryQueryTests(LibraryTestCluster fixture) : IClassFixture<LibraryTestCluster>
{
    private static readonly GameInput[] Games =
    [
        new() { Title = "Baldur's Gate 3", Genres = ["RPG", "Strategy"], Metacritic = 96, TotalPlaytimeMinutes = 0 },
        new() { Title = "Disco Elysium", Genres = ["RPG"], Metacritic = 91, TotalPlaytimeMinutes = 0 },
        new() { Title = "Divinity: Original Sin 2", Genres = ["rpg", "Tactics"], Metacritic = 93, TotalPlaytimeMinutes = 1200 },
        new() { Title = "Stardew Valley", Genres = ["Simulation"], Metacritic = 89, TotalPlaytimeMinutes = 6000 },
        new() { Title = "Untitled Prototype", Genres = [], TotalPlaytimeMinutes = 30 },
    ];

    private async Task<ILibraryGrain> SeededAsync()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await probe.DisposeAsync();
        foreach (var game in Games)
        {
            await library.AddGameAsync(game, GameSources.Manual).WithTimeout();
        }

        return library;
    }

    [Fact]
    public async Task SearchGamesAsync_combines_genre_unplayed_and_minimum_metacritic()
    {
        var library = await SeededAsync();

        var result = await library.SearchGamesAsync(new GameQuery { Genre = "RPG", Unplayed = true, MinMetacritic = 92 }).WithTimeout();

        Assert.Equal(["Baldur's Gate 3"], result.Games.Select(g => g.Title));
        Assert.Equal(1, result.TotalMatches);
    }

    [Fact]
    public async Task SearchGamesAsync_matches_genre_and_title_case_insensitively_ordered_by_title()
    {
        var library = await SeededAsync();

        var rpg = await library.SearchGamesAsync(new GameQuery { Genre = "rpg" }).WithTimeout();
        var byTitle = await library.SearchGamesAsync(new GameQuery { TitleContains = "VALLEY" }).WithTimeout();
        var played = await library.SearchGamesAsync(new GameQuery { Unplayed = false }).WithTimeout();

        Assert.Equal(["Baldur's Gate 3", "Disco Elysium", "Divinity: Original Sin 2"], rpg.Games.Select(g => g.Title));
        Assert.Equal(["Stardew Valley"], byTitle.Games.Select(g => g.Title));
        Assert.Equal(["Divinity: Original Sin 2", "Stardew Valley", "Untitled Prototype"], played.Games.Select(g => g.Title));
    }

    [Fact]
    public async Task SearchGamesAsync_pages_with_limit_and_offset_and_reports_the_total()
    {
        var library = await SeededAsync();

        var page = await library.SearchGamesAsync(new GameQuery { Limit = 2, Offset = 1 }).WithTimeout();

        Assert.Equal(["Disco Elysium", "Divinity: Original Sin 2"], page.Games.Select(g => g.Title));
        Assert.Equal(Games.Length, page.TotalMatches);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(101, 0, null)]
    [InlineData(10, -1, null)]
    [InlineData(10, 0, 101)]
    public async Task SearchGamesAsync_with_out_of_range_paging_or_filters_is_invalid_query(int limit, int offset, int? minMetacritic)
    {
        var library = await SeededAsync();

        var ex = await Assert.ThrowsAnyAsync<DomainValidationException>(() => library.SearchGamesAsync(new GameQuery { Limit = limit, Offset = offset, MinMetacritic = minMetacritic }).WithTimeout());

        Assert.Contains(ex.ErrorCode, new[] { "invalid_query", "invalid_metacritic" });
    }

    [Fact]
    public async Task GetStatsAsync_totals_the_library()
    {
        var library = await SeededAsync();
        var game = (await library.SearchGamesAsync(new GameQuery { TitleContains = "Stardew" }).WithTimeout()).Games.Single();
        await library.UnlockAchievementAsync(game.GameId, new AchievementInput { AchievementId = "a1", Title = "Farmer" }).WithTimeout();

        var stats = await library.GetStatsAsync().WithTimeout();

        Assert.Equal(5, stats.TotalGames);
        Assert.Equal(2, stats.UnplayedGames);
        Assert.Equal(7230, stats.TotalPlaytimeMinutes);
        Assert.Equal(Math.Round((96 + 91 + 93 + 89) / 4.0, 1), stats.AverageMetacritic);
        Assert.Equal(3, stats.Genres["RPG"]);
        Assert.Equal(1, stats.Genres["Simulation"]);
        Assert.Equal(1, stats.AchievementsUnlocked);
        Assert.Equal(["Stardew Valley", "Divinity: Original Sin 2", "Untitled Prototype"], stats.MostPlayed.Select(g => g.Title));
    }
}
