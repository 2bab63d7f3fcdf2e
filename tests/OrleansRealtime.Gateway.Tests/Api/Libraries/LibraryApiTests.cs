using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Gateway.Tests.Api.Libraries;

[Collection(GatewayCollection.Name)]
public sealed class LibraryApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Create_MakesTheCallerTheOwner_AndRepeatingItIsIdempotent()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);

        using var created = await http.PostJsonAsync("/api/libraries", new { library_id = "lib-" + user, name = "Steam", platform = "demo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/libraries/lib-{user}", created.Headers.Location?.OriginalString);
        var info = await created.JsonAsync();
        Assert.Equal(user, info.GetProperty("owner_user_id").GetString());
        Assert.Equal("demo", info.GetProperty("platform").GetString());

        using var again = await http.PostJsonAsync("/api/libraries", new { library_id = "lib-" + user, name = "Steam", platform = "demo" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var read = await (await http.GetAsyncWithTimeout($"/api/libraries/lib-{user}")).JsonAsync();
        Assert.Equal("Steam", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_WithoutAnId_AssignsOne()
    {
        using var http = Host.As(TestTimeouts.NewKey("user"));

        var info = await (await http.PostJsonAsync("/api/libraries", new { name = "Mine" })).JsonAsync();

        Assert.False(string.IsNullOrEmpty(info.GetProperty("library_id").GetString()));
    }

    [Theory]
    [InlineData("service")]
    [InlineData("admin")]
    public async Task Create_ForAnotherUser_IsAllowedToServiceAndAdmin(string role)
    {
        var owner = TestTimeouts.NewKey("owner");
        using var http = Host.As(TestTimeouts.NewKey(role), role);

        var info = await (await http.PostJsonAsync("/api/libraries", new { name = "Theirs", user_id = owner })).JsonAsync();

        Assert.Equal(owner, info.GetProperty("owner_user_id").GetString());
        using var ownerHttp = Host.As(owner);
        Assert.Equal(HttpStatusCode.OK, (await ownerHttp.GetAsyncWithTimeout($"/api/libraries/{info.GetProperty("library_id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Create_ForAnotherUser_Gets403_ForAPlainUser_AndCreatesNothing()
    {
        var libraryId = TestTimeouts.NewKey("lib");
        using var http = Host.As(TestTimeouts.NewKey("mallory"));

        using var response = await http.PostJsonAsync("/api/libraries", new { library_id = libraryId, name = "Forged", user_id = "victim" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Null(await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout());
    }

    [Fact]
    public async Task Create_WithAnIdOwnedBySomeoneElse_Gets409_AndKeepsTheOwner()
    {
        using var alice = Host.As(TestTimeouts.NewKey("alice"));
        var libraryId = await LibrarySetup.CreateAsync(alice);
        using var bob = Host.As(TestTimeouts.NewKey("bob"));

        using var response = await bob.PostJsonAsync("/api/libraries", new { library_id = libraryId, name = "Taken" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "library_exists");
        Assert.Equal("My games", (await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout())!.Name);
    }

    [Fact]
    public async Task AddGame_Returns201_AndPublishesGameAdded()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/libraries/{libraryId}/games", new { title = "Celeste", genres = new[] { "Platformer" }, metacritic = 92 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var game = await response.JsonAsync();
        var added = await probe.WaitForAsync("game_added");
        Assert.Equal(libraryId, added.Data.GetProperty("library_id").GetString());
        Assert.Equal("manual", added.Data.GetProperty("source").GetString());
        Assert.Equal(game.GetProperty("game_id").GetString(), added.Data.GetProperty("game").GetProperty("game_id").GetString());
        Assert.Equal("Celeste", added.Data.GetProperty("game").GetProperty("title").GetString());
    }

    [Fact]
    public async Task UpdateGame_PublishesGameUpdated_WithOnlyTheChangedFields()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        var gameId = await LibrarySetup.AddGameAsync(http, libraryId, playtime: 10);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var game = await (await http.PatchJsonAsync($"/api/libraries/{libraryId}/games/{gameId}", new { total_playtime_minutes = 130, metacritic = 93 })).JsonAsync();

        Assert.Equal(130, game.GetProperty("total_playtime_minutes").GetInt64());
        var updated = await probe.WaitForAsync("game_updated");
        var changes = updated.Data.GetProperty("changes");
        Assert.Equal(["total_playtime_minutes"], changes.EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, changes.GetProperty("total_playtime_minutes").GetProperty("old").GetInt64());
        Assert.Equal(130, changes.GetProperty("total_playtime_minutes").GetProperty("new").GetInt64());
        var read = await (await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games/{gameId}")).JsonAsync();
        Assert.Equal(130, read.GetProperty("total_playtime_minutes").GetInt64());
    }

    [Fact]
    public async Task UnlockAchievement_Returns201_PublishesAchievementUnlocked_AndIsIdempotent()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        var gameId = await LibrarySetup.AddGameAsync(http, libraryId);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        var achievement = new { achievement_id = "ach_1", title = "First Escape", rarity_percentage = 12.5, points = 50 };

        using var first = await http.PostJsonAsync($"/api/libraries/{libraryId}/games/{gameId}/achievements", achievement);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True((await first.JsonAsync()).GetProperty("unlocked").GetBoolean());
        var unlocked = await probe.WaitForAsync("achievement_unlocked");
        Assert.Equal("First Escape", unlocked.Data.GetProperty("achievement").GetProperty("title").GetString());

        using var again = await http.PostJsonAsync($"/api/libraries/{libraryId}/games/{gameId}/achievements", achievement);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.JsonAsync();
        Assert.False(body.GetProperty("unlocked").GetBoolean());
        Assert.Equal(1, body.GetProperty("game").GetProperty("achievements").GetArrayLength());
        Assert.Single(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task SearchAndStats_AnswerFromTheLibrary()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await LibrarySetup.AddGameAsync(http, libraryId, "Hades", 93, playtime: 600, genres: ["Roguelike"]);
        await LibrarySetup.AddGameAsync(http, libraryId, "Dead Cells", 89, playtime: 0, genres: ["Roguelike"]);
        await LibrarySetup.AddGameAsync(http, libraryId, "Stardew Valley", 89, playtime: 0, genres: ["Simulation"]);

        var roguelikes = await (await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games?genre=roguelike&unplayed=true")).JsonAsync();
        Assert.Equal(["Dead Cells"], roguelikes.GetProperty("games").EnumerateArray().Select(g => g.GetProperty("title").GetString()));
        var best = await (await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games?min_metacritic=90")).JsonAsync();
        Assert.Equal(1, best.GetProperty("total_matches").GetInt32());
        var byTitle = await (await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games?title=valley")).JsonAsync();
        Assert.Equal("Stardew Valley", byTitle.GetProperty("games")[0].GetProperty("title").GetString());

        var stats = await (await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/stats")).JsonAsync();
        Assert.Equal(3, stats.GetProperty("total_games").GetInt32());
        Assert.Equal(2, stats.GetProperty("unplayed_games").GetInt32());
        Assert.Equal(600, stats.GetProperty("total_playtime_minutes").GetInt64());
    }

    [Fact]
    public async Task Search_WithAnAbsurdLimit_Gets400()
    {
        using var http = Host.As(TestTimeouts.NewKey("user"));
        var libraryId = await LibrarySetup.CreateAsync(http);

        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games?limit=100000"), HttpStatusCode.BadRequest, "invalid_query");
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/libraries/{libraryId}/games?unplayed=maybe"), HttpStatusCode.BadRequest, "invalid_parameter");
    }

    public static TheoryData<string, object> BadGames() => new()
    {
        { "invalid_title", new { title = new string('t', LibraryLimits.MaxTitleLength + 1) } },
        { "invalid_title", new { title = "   " } },
        { "invalid_metacritic", new { title = "Ok", metacritic = 500 } },
        { "invalid_playtime", new { title = "Ok", total_playtime_minutes = -1 } },
        { "invalid_url", new { title = "Ok", cover_image_url = "javascript:alert(1)" } },
        { "invalid_genres", new { title = "Ok", genres = Enumerable.Range(0, 50).Select(i => $"g{i}").ToArray() } },
    };

    [Theory]
    [MemberData(nameof(BadGames))]
    public async Task AddGame_WithBadInput_Gets400_AndAddsNothing(string errorCode, object body)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/libraries/{libraryId}/games", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Equal(0, (await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout())!.GameCount);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task UnknownLibrary_Gets404_OnEveryEndpoint_CreatesNothing_PublishesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        var missing = TestTimeouts.NewKey("missing");
        var at = $"/api/libraries/{missing}";

        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout(at), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"{at}/stats"), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"{at}/games"), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"{at}/games/g1"), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.PostJsonAsync($"{at}/games", new { title = "x" }), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.PatchJsonAsync($"{at}/games/g1", new { title = "x" }), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(
            await http.PostJsonAsync($"{at}/games/g1/achievements", new { achievement_id = "a", title = "x" }), HttpStatusCode.NotFound, "library_not_found");
        await ProblemAssert.IsProblemAsync(await http.PostJsonAsync($"{at}/syncs", new { }), HttpStatusCode.NotFound, "library_not_found");

        Assert.Null(await Host.Client.GetGrain<ILibraryGrain>(missing).GetInfoAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task UnknownGame_Gets404_ChangesNothing_PublishesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        var gameId = await LibrarySetup.AddGameAsync(http, libraryId);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        var at = $"/api/libraries/{libraryId}/games/nope";

        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout(at), HttpStatusCode.NotFound, "game_not_found");
        await ProblemAssert.IsProblemAsync(await http.PatchJsonAsync(at, new { title = "x" }), HttpStatusCode.NotFound, "game_not_found");
        await ProblemAssert.IsProblemAsync(
            await http.PostJsonAsync($"{at}/achievements", new { achievement_id = "a", title = "x" }), HttpStatusCode.NotFound, "game_not_found");

        var grain = Host.Client.GetGrain<ILibraryGrain>(libraryId);
        Assert.Equal(1, (await grain.GetInfoAsync().WithTimeout())!.GameCount);
        Assert.Null(await grain.GetGameAsync("nope").WithTimeout());
        var game = (await grain.GetGameAsync(gameId).WithTimeout())!;
        Assert.Equal("Hades", game.Title);
        Assert.Empty(game.Achievements);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    public static TheoryData<string, string, object?> ForeignCalls() => new()
    {
        { "GET", "", null },
        { "GET", "/stats", null },
        { "GET", "/games", null },
        { "GET", "/games/{game}", null },
        { "POST", "/games", new { title = "Planted" } },
        { "PATCH", "/games/{game}", new { title = "Renamed" } },
        { "POST", "/games/{game}/achievements", new { achievement_id = "a", title = "Forged" } },
        { "POST", "/syncs", new { } },
    };

    [Theory]
    [MemberData(nameof(ForeignCalls))]
    public async Task ForeignLibrary_Gets403_ChangesNothing_PublishesNothing(string method, string path, object? body)
    {
        var owner = TestTimeouts.NewKey("owner");
        using var ownerHttp = Host.As(owner);
        var libraryId = await LibrarySetup.CreateAsync(ownerHttp);
        var gameId = await LibrarySetup.AddGameAsync(ownerHttp, libraryId);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, owner);
        using var mallory = Host.As(TestTimeouts.NewKey("mallory"));
        var url = $"/api/libraries/{libraryId}{path.Replace("{game}", gameId, StringComparison.Ordinal)}";

        using var response = method switch
        {
            "GET" => await mallory.GetAsyncWithTimeout(url),
            "POST" => await mallory.PostJsonAsync(url, body),
            _ => await mallory.PatchJsonAsync(url, body),
        };

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var grain = Host.Client.GetGrain<ILibraryGrain>(libraryId);
        var info = (await grain.GetInfoAsync().WithTimeout())!;
        Assert.Equal(1, info.GameCount);
        Assert.Null(info.RunningSyncOperationId);
        var game = (await grain.GetGameAsync(gameId).WithTimeout())!;
        Assert.Equal("Hades", game.Title);
        Assert.Empty(game.Achievements);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, owner));
    }
}
