using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>A real library (LibraryGrain) with a few games the chat tools can find.</summary>
public static class ChatTestLibrary
{
    public static async Task<string> CreateAsync(IGrainFactory grains, string ownerUserId)
    {
        var libraryId = TestTimeouts.NewKey("lib");
        var library = grains.GetGrain<ILibraryGrain>(libraryId);
        await library.CreateAsync(ownerUserId, "My Steam Library", "demo").WithTimeout();
        GameInput[] games =
        [
            new() { Title = "Baldur's Gate 3", Genres = ["RPG"], Metacritic = 95, TotalPlaytimeMinutes = 0 },
            new() { Title = "Disco Elysium", Genres = ["RPG"], Metacritic = 91, TotalPlaytimeMinutes = 0 },
            new() { Title = "Some Old RPG", Genres = ["RPG"], Metacritic = 70, TotalPlaytimeMinutes = 0 },
            new() { Title = "The Witcher 3: Wild Hunt", Genres = ["RPG"], Metacritic = 93, TotalPlaytimeMinutes = 7620 },
            new() { Title = "Civilization VI", Genres = ["Strategy"], Metacritic = 88, TotalPlaytimeMinutes = 0 },
        ];
        foreach (var game in games)
        {
            await library.AddGameAsync(game, GameSources.Manual).WithTimeout();
        }

        return libraryId;
    }
}
