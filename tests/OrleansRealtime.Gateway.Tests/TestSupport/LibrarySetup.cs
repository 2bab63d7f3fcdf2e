
namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>Creates libraries and games through the API for tests that need one.</summary>
public static class LibrarySetup
{
    public static async Task<string> CreateAsync(HttpClient http, string platform = "demo")
    {
        var libraryId = TestTimeouts.NewKey("lib");
        (await http.PostJsonAsync("/api/libraries", new { library_id = libraryId, name = "My games", platform })).EnsureSuccessStatusCode();
        return libraryId;
    }

    public static async Task<string> AddGameAsync(HttpClient http, string libraryId, string title = "Hades", int? metacritic = 93, long playtime = 0, string[]? genres = null)
    {
        var game = await (await http.PostJsonAsync($"/api/libraries/{libraryId}/games", new
        {
            title,
            developer = "Supergiant Games",
            genres = genres ?? ["Roguelike", "Action"],
            metacritic,
            total_playtime_minutes = playtime,
        })).JsonAsync();
        return game.GetProperty("game_id").GetString()!;
    }
}
