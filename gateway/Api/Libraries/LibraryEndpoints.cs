using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary>
/// <c>/api/libraries</c>: create a library, read it, add and update games, unlock achievements, search, stats,
/// and start a sync. Every call on an existing library checks its owner first (404 unknown, 403 foreign).
/// </summary>
public static class LibraryEndpoints
{
    public static RouteGroupBuilder MapLibraryEndpoints(this RouteGroupBuilder api)
    {
        var libraries = api.MapGroup("/libraries").WithTags("Libraries");
        libraries.MapPost("/", CreateAsync).WithName("CreateLibrary")
            .WithSummary("Creates a library owned by the caller (a service or admin may name another owner in user_id).");
        libraries.MapGet("/{libraryId}", GetAsync).WithName("GetLibrary").WithSummary("The library's owner, name, platform, game count and running sync.");
        libraries.MapPost("/{libraryId}/games", AddGameAsync).WithName("AddGame").WithSummary("Adds a game; publishes game_added.");
        libraries.MapGet("/{libraryId}/games", SearchAsync).WithName("SearchGames")
            .WithSummary("Games matching every given filter (title substring, genre, unplayed, min_metacritic), ordered by title.");
        libraries.MapGet("/{libraryId}/games/{gameId}", GetGameAsync).WithName("GetGame").WithSummary("One game with its achievements.");
        libraries.MapPatch("/{libraryId}/games/{gameId}", UpdateGameAsync).WithName("UpdateGame")
            .WithSummary("Changes the given fields; publishes game_updated with the changes (nothing when nothing changed).");
        libraries.MapPost("/{libraryId}/games/{gameId}/achievements", UnlockAchievementAsync).WithName("UnlockAchievement")
            .WithSummary("Unlocks an achievement; publishes achievement_unlocked (idempotent per achievement_id).");
        libraries.MapGet("/{libraryId}/stats", GetStatsAsync).WithName("GetLibraryStats").WithSummary("Totals over the library.");
        libraries.MapPost("/{libraryId}/syncs", StartSyncAsync).WithName("StartSync")
            .WithSummary("Starts a sync (202), or returns the running one (200): a library has at most one running sync.");
        return api;
    }

    private static async Task<Results<Created<LibraryInfo>, Ok<LibraryInfo>>> CreateAsync(CreateLibraryRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var owner = EdgeLimits.Id(request.UserId ?? user.Caller().UserId, "user_id");
        user.EnsureCanActFor(owner);
        var libraryId = request.LibraryId is null ? Guid.NewGuid().ToString("N") : EdgeLimits.Id(request.LibraryId, "library_id");
        var grain = grains.GetGrain<ILibraryGrain>(libraryId);
        var existing = await grain.GetInfoAsync();
        var info = await grain.CreateAsync(owner, request.Name, request.Platform);
        return existing is null ? TypedResults.Created($"/api/libraries/{Uri.EscapeDataString(libraryId)}", info) : TypedResults.Ok(info);
    }

    private static async Task<Ok<LibraryInfo>> GetAsync(string libraryId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (_, info) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        return TypedResults.Ok(info);
    }

    private static async Task<Created<Game>> AddGameAsync(string libraryId, GameInput game, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        var added = await grain.AddGameAsync(game, GameSources.Manual);
        return TypedResults.Created($"/api/libraries/{Uri.EscapeDataString(libraryId)}/games/{Uri.EscapeDataString(added.GameId)}", added);
    }

    private static async Task<Ok<GameSearchResult>> SearchAsync(
        string libraryId,
        ClaimsPrincipal user,
        IGrainFactory grains,
        [FromQuery] string? title,
        [FromQuery] string? genre,
        [FromQuery] bool? unplayed,
        [FromQuery(Name = "min_metacritic")] int? minMetacritic,
        [FromQuery] int? limit,
        [FromQuery] int? offset)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        var query = new GameQuery
        {
            TitleContains = title,
            Genre = genre,
            Unplayed = unplayed,
            MinMetacritic = minMetacritic,
            Limit = limit ?? LibraryLimits.DefaultQueryLimit,
            Offset = offset ?? 0,
        };
        return TypedResults.Ok(await grain.SearchGamesAsync(query));
    }

    private static async Task<Ok<Game>> GetGameAsync(string libraryId, string gameId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        var game = await grain.GetGameAsync(EdgeLimits.Id(gameId, "game_id"))
            ?? throw new DomainNotFoundException("game_not_found", $"Game '{gameId}' is not in library '{libraryId}'.");
        return TypedResults.Ok(game);
    }

    private static async Task<Ok<Game>> UpdateGameAsync(string libraryId, string gameId, GamePatch patch, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        return TypedResults.Ok(await grain.UpdateGameAsync(EdgeLimits.Id(gameId, "game_id"), patch, GameSources.Manual));
    }

    private static async Task<Results<Created<UnlockAchievementResponse>, Ok<UnlockAchievementResponse>>> UnlockAchievementAsync(
        string libraryId, string gameId, UnlockAchievementRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        EdgeLimits.Id(gameId, "game_id");
        var achievement = new AchievementInput
        {
            AchievementId = request.AchievementId,
            Title = request.Title,
            Description = request.Description,
            IconUrl = request.IconUrl,
            RarityPercentage = request.RarityPercentage,
            Points = request.Points,
        };
        var unlocked = await grain.UnlockAchievementAsync(gameId, achievement, request.UnlockedAt);
        var game = await grain.GetGameAsync(gameId) ?? throw new DomainNotFoundException("game_not_found", $"Game '{gameId}' is not in library '{libraryId}'.");
        var response = new UnlockAchievementResponse(unlocked, game);
        return unlocked ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<LibraryStats>> GetStatsAsync(string libraryId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        return TypedResults.Ok(await grain.GetStatsAsync());
    }

    private static async Task<Results<Accepted<StartSyncResponse>, Ok<StartSyncResponse>>> StartSyncAsync(
        string libraryId, [FromBody] SyncRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await LibraryAccess.GetOwnedAsync(grains, user, libraryId);
        var started = await grain.StartSyncAsync(request ?? new SyncRequest());
        var location = $"/api/syncs/{Uri.EscapeDataString(started.OperationId)}";
        var response = new StartSyncResponse(started.OperationId, started.AlreadyRunning, location);
        return started.AlreadyRunning ? TypedResults.Ok(response) : TypedResults.Accepted(location, response);
    }
}
