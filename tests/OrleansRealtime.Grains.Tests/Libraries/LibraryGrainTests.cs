using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Libraries;

public sealed class LibraryGrainTests(LibraryTestCluster fixture) : IClassFixture<LibraryTestCluster>
{
    [Fact]
    public async Task GetInfoAsync_of_a_library_never_created_is_null()
    {
        Assert.Null(await fixture.Library(TestTimeouts.NewKey("lib")).GetInfoAsync().WithTimeout());
    }

    [Fact]
    public async Task CreateAsync_records_owner_name_and_platform_and_is_idempotent_for_the_owner()
    {
        var (library, libraryId, userId, probe) = await fixture.NewLibraryAsync("steam");
        await using var _ = probe;

        var again = await library.CreateAsync(userId, "Another name", "demo").WithTimeout();
        var info = await library.GetInfoAsync().WithTimeout();

        Assert.Equal(again, info);
        Assert.Equal(libraryId, info!.LibraryId);
        Assert.Equal(userId, info.OwnerUserId);
        Assert.Equal("My Steam Library", info.Name);
        Assert.Equal("steam", info.Platform);
        Assert.Equal(fixture.Time.GetUtcNow(), info.CreatedAt);
        Assert.Equal(0, info.GameCount);
        Assert.Null(info.RunningSyncOperationId);
    }

    [Fact]
    public async Task CreateAsync_by_another_owner_is_a_conflict_and_changes_nothing()
    {
        var (library, _, userId, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var before = await library.GetInfoAsync().WithTimeout();

        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => library.CreateAsync("someone-else", "Mine now", "demo").WithTimeout());

        Assert.Equal("library_exists", ex.ErrorCode);
        Assert.Equal(before, await library.GetInfoAsync().WithTimeout());
        Assert.Equal(userId, before!.OwnerUserId);
    }

    [Theory]
    [InlineData("", "name", "demo", "invalid_id")]
    [InlineData("user", "", "demo", "invalid_name")]
    [InlineData("user", "name", "Not A Platform", "invalid_platform")]
    public async Task CreateAsync_with_bad_input_is_refused_and_creates_nothing(string owner, string name, string platform, string code)
    {
        var library = fixture.Library(TestTimeouts.NewKey("lib"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => library.CreateAsync(owner, name, platform).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Null(await library.GetInfoAsync().WithTimeout());
    }

    [Fact]
    public async Task CreateAsync_with_a_name_longer_than_200_characters_is_refused()
    {
        var library = fixture.Library(TestTimeouts.NewKey("lib"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => library.CreateAsync("user", new string('n', 201), "demo").WithTimeout());

        Assert.Equal("invalid_name", ex.ErrorCode);
        Assert.Null(await library.GetInfoAsync().WithTimeout());
    }

    [Fact]
    public async Task AddGameAsync_publishes_game_added_shaped_like_document_003()
    {
        var (library, libraryId, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;

        var game = await library.AddGameAsync(
            new GameInput
            {
                Title = "  Baldur's Gate 3 ",
                Developer = "Larian Studios",
                CoverImageUrl = "https://example.com/bg3.jpg",
                Genres = ["RPG", "Strategy", "rpg"],
                Metacritic = 96,
            },
            GameSources.SyncOperation,
            "456e7890-e89b-12d3-a456-426614174001").WithTimeout();

        var envelope = await probe.WaitForAsync("game_added");
        DocumentShape.AssertMatchesDocument(envelope);
        var data = envelope.DataAs<GameAddedData>();
        Assert.Equal(libraryId, data.LibraryId);
        Assert.Equal(game.GameId, data.Game.GameId);
        Assert.Equal("Baldur's Gate 3", data.Game.Title);
        Assert.Equal("Larian Studios", data.Game.Developer);
        Assert.Equal("https://example.com/bg3.jpg", data.Game.CoverImageUrl);
        Assert.Equal(["RPG", "Strategy"], data.Game.Genres);
        Assert.Equal("sync_operation", data.Source);
        Assert.Equal("456e7890-e89b-12d3-a456-426614174001", data.OperationId);
        LibraryTestCluster.AssertSameJson<Game?>(game, await library.GetGameAsync(game.GameId).WithTimeout());
        Assert.Equal(0, game.TotalPlaytimeMinutes);
    }

    [Fact]
    public async Task AddGameAsync_with_a_taken_game_id_or_platform_id_is_a_conflict()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        await library.AddGameAsync(new GameInput { GameId = "g1", Title = "One", PlatformGameId = "292030" }, GameSources.Manual).WithTimeout();
        await probe.WaitForAsync("game_added");
        var before = probe.Received.Count;

        var byId = await Assert.ThrowsAsync<DomainConflictException>(() => library.AddGameAsync(new GameInput { GameId = "g1", Title = "Two" }, GameSources.Manual).WithTimeout());
        var byPlatform = await Assert.ThrowsAsync<DomainConflictException>(() => library.AddGameAsync(new GameInput { Title = "Three", PlatformGameId = "292030" }, GameSources.Manual).WithTimeout());

        Assert.Equal("game_exists", byId.ErrorCode);
        Assert.Equal("game_exists", byPlatform.ErrorCode);
        Assert.Equal(1, (await library.GetInfoAsync().WithTimeout())!.GameCount);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    public static TheoryData<GameInput, string, string> BadGames => new()
    {
        { new GameInput { Title = new string('t', 201) }, "manual", "invalid_title" },
        { new GameInput { Title = "   " }, "manual", "invalid_title" },
        { new GameInput { Title = "ok", Metacritic = 101 }, "manual", "invalid_metacritic" },
        { new GameInput { Title = "ok", Metacritic = -1 }, "manual", "invalid_metacritic" },
        { new GameInput { Title = "ok", TotalPlaytimeMinutes = -5 }, "manual", "invalid_playtime" },
        { new GameInput { Title = "ok", Genres = [.. Enumerable.Range(0, 21).Select(i => $"g{i}")] }, "manual", "invalid_genres" },
        { new GameInput { Title = "ok", Genres = [new string('g', 51)] }, "manual", "invalid_genres" },
        { new GameInput { Title = "ok", CoverImageUrl = "javascript:alert(1)" }, "manual", "invalid_url" },
        { new GameInput { Title = "ok", Developer = new string('d', 201) }, "manual", "invalid_developer" },
        { new GameInput { Title = "ok", GameId = new string('i', 129) }, "manual", "invalid_id" },
        { new GameInput { Title = "ok" }, "Not Snake", "invalid_source" },
    };

    [Theory]
    [MemberData(nameof(BadGames))]
    public async Task AddGameAsync_with_bad_input_is_refused_changes_nothing_and_publishes_nothing(GameInput input, string source, string code)
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var before = probe.Received.Count;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => library.AddGameAsync(input, source).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(0, (await library.GetInfoAsync().WithTimeout())!.GameCount);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task Calls_on_a_library_never_created_are_library_not_found()
    {
        var library = fixture.Library(TestTimeouts.NewKey("lib"));

        var add = await Assert.ThrowsAsync<DomainNotFoundException>(() => library.AddGameAsync(new GameInput { Title = "x" }, "manual").WithTimeout());
        var search = await Assert.ThrowsAsync<DomainNotFoundException>(() => library.SearchGamesAsync(new GameQuery()).WithTimeout());

        Assert.Equal("library_not_found", add.ErrorCode);
        Assert.Equal("library_not_found", search.ErrorCode);
        Assert.Null(await library.GetInfoAsync().WithTimeout());
    }

    [Fact]
    public async Task UpdateGameAsync_publishes_game_updated_with_only_the_fields_that_changed()
    {
        var (library, libraryId, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(
            new GameInput
            {
                Title = "The Witcher 3: Wild Hunt",
                Developer = "CD Projekt Red",
                TotalPlaytimeMinutes = 7620,
                LastPlayedAt = DateTimeOffset.Parse("2024-07-19T20:00:00Z"),
                Metacritic = 92,
            },
            GameSources.Manual).WithTimeout();

        // Title, developer and metacritic are repeated unchanged: they must not appear in changes.
        var updated = await library.UpdateGameAsync(game.GameId, new GamePatch
        {
            Title = "The Witcher 3: Wild Hunt",
            Developer = "CD Projekt Red",
            Metacritic = 92,
            TotalPlaytimeMinutes = 7680,
            LastPlayedAt = DateTimeOffset.Parse("2024-07-20T21:00:00Z"),
        }, GameSources.SyncOperation).WithTimeout();

        var envelope = await probe.WaitForAsync("game_updated");
        DocumentShape.AssertMatchesDocument(envelope);
        var data = envelope.DataAs<GameUpdatedData>();
        Assert.Equal(libraryId, data.LibraryId);
        Assert.Equal(game.GameId, data.GameId);
        Assert.Equal("sync_operation", data.Source);
        Assert.Equal(["last_played_at", "total_playtime_minutes"], data.Changes.Keys.Order());
        Assert.Equal(7620, data.Changes["total_playtime_minutes"].Old!.Value.GetInt64());
        Assert.Equal(7680, data.Changes["total_playtime_minutes"].New!.Value.GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2024-07-19T20:00:00Z"), data.Changes["last_played_at"].Old!.Value.GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2024-07-20T21:00:00Z"), data.Changes["last_played_at"].New!.Value.GetDateTimeOffset());
        Assert.Equal(7680, updated.TotalPlaytimeMinutes);
        LibraryTestCluster.AssertSameJson<Game?>(updated, await library.GetGameAsync(game.GameId).WithTimeout());
    }

    [Fact]
    public async Task UpdateGameAsync_from_no_value_records_null_as_old()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(new GameInput { Title = "Hades" }, GameSources.Manual).WithTimeout();

        await library.UpdateGameAsync(game.GameId, new GamePatch { Metacritic = 93, Genres = ["Roguelike"] }, GameSources.Manual).WithTimeout();

        var data = (await probe.WaitForAsync("game_updated")).DataAs<GameUpdatedData>();
        Assert.Equal(["genres", "metacritic"], data.Changes.Keys.Order());
        Assert.Null(data.Changes["metacritic"].Old);
        Assert.Equal(93, data.Changes["metacritic"].New!.Value.GetInt32());
        Assert.Equal(0, data.Changes["genres"].Old!.Value.GetArrayLength());
        Assert.Equal("Roguelike", data.Changes["genres"].New!.Value[0].GetString());
    }

    [Fact]
    public async Task UpdateGameAsync_that_changes_nothing_publishes_nothing()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(new GameInput { Title = "Celeste", TotalPlaytimeMinutes = 300 }, GameSources.Manual).WithTimeout();
        await probe.WaitForAsync("game_added");
        var before = probe.Received.Count;

        var same = await library.UpdateGameAsync(game.GameId, new GamePatch { Title = "Celeste", TotalPlaytimeMinutes = 300 }, GameSources.Manual).WithTimeout();

        LibraryTestCluster.AssertSameJson(game, same);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task UpdateGameAsync_with_bad_input_or_unknown_game_changes_nothing_and_publishes_nothing()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(new GameInput { Title = "Celeste", TotalPlaytimeMinutes = 300 }, GameSources.Manual).WithTimeout();
        await probe.WaitForAsync("game_added");
        var before = probe.Received.Count;

        // The playtime is valid, the metacritic is not: nothing of the patch may be applied.
        var bad = await Assert.ThrowsAsync<DomainValidationException>(() => library.UpdateGameAsync(game.GameId, new GamePatch { TotalPlaytimeMinutes = 500, Metacritic = 250 }, GameSources.Manual).WithTimeout());
        var unknown = await Assert.ThrowsAsync<DomainNotFoundException>(() => library.UpdateGameAsync("no-such-game", new GamePatch { TotalPlaytimeMinutes = 500 }, GameSources.Manual).WithTimeout());

        Assert.Equal("invalid_metacritic", bad.ErrorCode);
        Assert.Equal("game_not_found", unknown.ErrorCode);
        LibraryTestCluster.AssertSameJson<Game?>(game, await library.GetGameAsync(game.GameId).WithTimeout());
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task UnlockAchievementAsync_publishes_achievement_unlocked_once_per_achievement()
    {
        var (library, libraryId, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(new GameInput { Title = "The Witcher 3: Wild Hunt" }, GameSources.Manual).WithTimeout();
        var achievement = new AchievementInput
        {
            AchievementId = "ach_12345",
            Title = "Geralt: The Professional",
            Description = "Complete 10 Witcher contracts",
            IconUrl = "https://example.com/ach_icon.jpg",
            RarityPercentage = 23.4,
            Points = 15,
        };
        var unlockedAt = DateTimeOffset.Parse("2024-07-20T21:15:00Z");

        var first = await library.UnlockAchievementAsync(game.GameId, achievement, unlockedAt).WithTimeout();
        var envelope = await probe.WaitForAsync("achievement_unlocked");
        var before = probe.Received.Count;
        var second = await library.UnlockAchievementAsync(game.GameId, achievement with { Title = "Renamed" }).WithTimeout();

        Assert.True(first);
        Assert.False(second);
        DocumentShape.AssertMatchesDocument(envelope);
        var data = envelope.DataAs<AchievementUnlockedData>();
        Assert.Equal(new AchievementUnlockedData(libraryId, game.GameId, "The Witcher 3: Wild Hunt",
            new AchievementData("ach_12345", "Geralt: The Professional", "Complete 10 Witcher contracts", "https://example.com/ach_icon.jpg", 23.4, 15),
            unlockedAt), data);
        var stored = Assert.Single((await library.GetGameAsync(game.GameId).WithTimeout())!.Achievements);
        Assert.Equal("Geralt: The Professional", stored.Title);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task UnlockAchievementAsync_without_a_time_uses_now_and_refuses_bad_input()
    {
        var (library, _, _, probe) = await fixture.NewLibraryAsync();
        await using var _p = probe;
        var game = await library.AddGameAsync(new GameInput { Title = "Hades" }, GameSources.Manual).WithTimeout();

        var bad = await Assert.ThrowsAsync<DomainValidationException>(() => library.UnlockAchievementAsync(game.GameId, new AchievementInput { AchievementId = "a", Title = "t", RarityPercentage = 120 }).WithTimeout());
        await library.UnlockAchievementAsync(game.GameId, new AchievementInput { AchievementId = "a", Title = "Escaped" }).WithTimeout();

        Assert.Equal("invalid_achievement", bad.ErrorCode);
        var data = (await probe.WaitForAsync("achievement_unlocked")).DataAs<AchievementUnlockedData>();
        Assert.Equal(fixture.Time.GetUtcNow(), data.UnlockedAt);
        Assert.Single(probe.OfType("achievement_unlocked"));
    }
}
