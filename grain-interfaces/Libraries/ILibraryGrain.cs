using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>
/// One game library (key: library id): owner, name, platform and games. Every change is persisted first and
/// then published, awaited, to the owner's stream <c>user/{ownerUserId}</c> (<c>game_added</c>,
/// <c>game_updated</c>, <c>achievement_unlocked</c>), so a caller that sees a call complete knows its events
/// are in the stream's order; events of one library keep the order of the calls that caused them.
/// Bad input throws a <see cref="Errors.DomainException"/> before anything changes or is published.
/// Calls on a library that was never created throw <see cref="Errors.DomainNotFoundException"/>
/// (<c>library_not_found</c>), except <see cref="GetInfoAsync"/>, which returns null. The grain does not
/// authorize: the owner id is readable so the HTTP layer can tell an unknown library from a foreign one.
/// </summary>
public interface ILibraryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the library. Repeating it for the same owner returns the existing library unchanged
    /// (idempotent); for another owner it throws <see cref="Errors.DomainConflictException"/> (<c>library_exists</c>).
    /// </summary>
    Task<LibraryInfo> CreateAsync(string ownerUserId, string name, string platform);

    /// <summary>The library, or null when it was never created.</summary>
    [ReadOnly]
    Task<LibraryInfo?> GetInfoAsync();

    /// <summary>Adds a game and publishes <c>game_added</c>. <paramref name="source"/> is echoed in the event (<see cref="GameSources"/>).</summary>
    Task<Game> AddGameAsync(GameInput game, string source, string? operationId = null);

    /// <summary>
    /// Applies the non-null fields of <paramref name="patch"/>. Publishes <c>game_updated</c> with <c>changes</c>
    /// listing only the fields whose value really changed; when nothing changed, nothing is written or published.
    /// </summary>
    Task<Game> UpdateGameAsync(string gameId, GamePatch patch, string source, string? operationId = null);

    /// <summary>
    /// Records an unlocked achievement and publishes <c>achievement_unlocked</c>. Idempotent per
    /// <c>achievement_id</c>: returns false, and publishes nothing, when it was already unlocked.
    /// <paramref name="unlockedAt"/> defaults to now.
    /// </summary>
    Task<bool> UnlockAchievementAsync(string gameId, AchievementInput achievement, DateTimeOffset? unlockedAt = null);

    [ReadOnly]
    Task<Game?> GetGameAsync(string gameId);

    /// <summary>Games matching every given filter, ordered by title (the AI tool <c>search_games</c>).</summary>
    [ReadOnly]
    Task<GameSearchResult> SearchGamesAsync(GameQuery query);

    /// <summary>Totals over the library (the AI tool <c>get_library_stats</c>).</summary>
    [ReadOnly]
    Task<LibraryStats> GetStatsAsync();

    /// <summary>The playtime of every game that has a platform id, by platform id: lets an incremental sync skip unchanged games.</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<string, long>> GetPlatformPlaytimesAsync();

    /// <summary>
    /// Merges one batch of games read from the platform by sync operation <paramref name="operationId"/>:
    /// games not yet in the library (matched by <c>platform_game_id</c>) are added, known ones get their changed
    /// fields updated and new achievements unlocked; each publishes its library event with source
    /// <c>sync_operation</c>. Invalid platform entries are skipped and counted, not thrown.
    /// </summary>
    Task<ApplyPlatformGamesResult> ApplyPlatformGamesAsync(IReadOnlyList<PlatformGame> games, string operationId);

    /// <summary>
    /// Starts a sync of this library, or returns the running one: a library has at most one running sync
    /// operation, and a second start returns its id with <see cref="StartSyncResult.AlreadyRunning"/> true.
    /// Throws <see cref="Errors.DomainValidationException"/> (400), before anything starts: <c>unknown_platform</c>,
    /// <c>platform_not_configured</c> (disabled, or no account for this library), <c>invalid_platform</c>,
    /// <c>invalid_operation_type</c>, <c>invalid_demo_settings</c> (out of range, or given for a platform other than <c>demo</c>).
    /// </summary>
    Task<StartSyncResult> StartSyncAsync(SyncRequest request);

    /// <summary>
    /// Called by the sync operation when it ends (completed, failed or cancelled); frees the library for the next
    /// sync. Idempotent, and a no-op for an operation that is not the running one (or a library never created).
    /// </summary>
    Task SyncFinishedAsync(string operationId);
}
