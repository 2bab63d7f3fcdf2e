using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Input;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Publishing;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>
/// A game library: owner, name, platform and games. Each change validates first, writes state, then publishes
/// its event to the owner's stream (awaited). A failed write restores the stored state, so memory never holds
/// an unpersisted change. See <see cref="ILibraryGrain"/> for the contract.
/// </summary>
[GrainType("library")]
public sealed partial class LibraryGrain(
    [PersistentState("state")] IPersistentState<LibraryState> state,
    GamePlatformRegistry platforms,
    TimeProvider time) : PublishingGrain(time), ILibraryGrain
{
    private readonly Dictionary<string, Game> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByPlatformId = new(StringComparer.Ordinal);

    private LibraryState State => state.State;

    private string LibraryId => GrainId.Key;

    private bool Created => State.OwnerUserId is not null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildIndex();
        return Task.CompletedTask;
    }

    public async Task<LibraryInfo> CreateAsync(string ownerUserId, string name, string platform)
    {
        var owner = LibraryValidation.Id(ownerUserId, "owner_user_id");
        var validName = LibraryValidation.Name(name);
        var validPlatform = LibraryValidation.Platform(platform);
        if (Created)
        {
            return State.OwnerUserId == owner
                ? Info()
                : throw new DomainConflictException("library_exists", $"Library '{LibraryId}' already exists and belongs to someone else.");
        }

        State.OwnerUserId = owner;
        State.Name = validName;
        State.Platform = validPlatform;
        State.CreatedAt = Now;
        await PersistAsync();
        return Info();
    }

    public Task<LibraryInfo?> GetInfoAsync() => Task.FromResult(Created ? Info() : null);

    public async Task<Game> AddGameAsync(GameInput game, string source, string? operationId = null)
    {
        RequireCreated();
        RequiredInput.NotNull(game, "The game");
        var validSource = LibraryValidation.Source(source);
        var validOperation = operationId is null ? null : LibraryValidation.Id(operationId, "operation_id");
        var gameId = game.GameId is null ? Guid.NewGuid().ToString() : LibraryValidation.Id(game.GameId, "game_id");
        var platformId = game.PlatformGameId is null ? null : LibraryValidation.Id(game.PlatformGameId, "platform_game_id");
        var added = new Game
        {
            GameId = gameId,
            Title = LibraryValidation.Title(game.Title),
            Developer = LibraryValidation.Developer(game.Developer),
            Genres = LibraryValidation.Genres(game.Genres) ?? [],
            CoverImageUrl = LibraryValidation.Url(game.CoverImageUrl),
            Metacritic = LibraryValidation.Metacritic(game.Metacritic),
            TotalPlaytimeMinutes = LibraryValidation.Playtime(game.TotalPlaytimeMinutes) ?? 0,
            LastPlayedAt = game.LastPlayedAt,
            PlatformGameId = platformId,
            AddedAt = Now,
        };
        if (_byId.ContainsKey(gameId) || (platformId is not null && _idByPlatformId.ContainsKey(platformId)))
        {
            throw new DomainConflictException("game_exists", "The library already has a game with this game_id or platform_game_id.");
        }

        if (State.Games.Count >= LibraryLimits.MaxGames)
        {
            throw new DomainConflictException("library_full", $"A library holds at most {LibraryLimits.MaxGames} games.");
        }

        Insert(added);
        await PersistAsync();
        await PublishToUserAsync(State.OwnerUserId!, AddedEvent(added, validSource, validOperation));
        return added;
    }

    public async Task<Game> UpdateGameAsync(string gameId, GamePatch patch, string source, string? operationId = null)
    {
        RequireCreated();
        RequiredInput.NotNull(patch, "The patch");
        var current = RequireGame(gameId);
        var validSource = LibraryValidation.Source(source);
        var validOperation = operationId is null ? null : LibraryValidation.Id(operationId, "operation_id");
        var validPatch = patch with
        {
            Title = patch.Title is null ? null : LibraryValidation.Title(patch.Title),
            Developer = LibraryValidation.Developer(patch.Developer),
            Genres = LibraryValidation.Genres(patch.Genres),
            CoverImageUrl = LibraryValidation.Url(patch.CoverImageUrl),
            Metacritic = LibraryValidation.Metacritic(patch.Metacritic),
            TotalPlaytimeMinutes = LibraryValidation.Playtime(patch.TotalPlaytimeMinutes),
        };
        var (updated, changes) = GameChanges.Apply(current, validPatch);
        if (changes.Count == 0)
        {
            return current;
        }

        Replace(updated);
        await PersistAsync();
        await PublishToUserAsync(State.OwnerUserId!, new GameUpdatedData(LibraryId, updated.GameId, changes, validSource, validOperation));
        return updated;
    }

    public async Task<bool> UnlockAchievementAsync(string gameId, AchievementInput achievement, DateTimeOffset? unlockedAt = null)
    {
        RequireCreated();
        var game = RequireGame(gameId);
        var input = LibraryValidation.Achievement(achievement);
        if (game.Achievements.Any(a => a.AchievementId == input.AchievementId))
        {
            return false;
        }

        if (game.Achievements.Count >= LibraryLimits.MaxAchievementsPerGame)
        {
            throw new DomainConflictException("too_many_achievements", $"A game holds at most {LibraryLimits.MaxAchievementsPerGame} achievements.");
        }

        var unlocked = ToAchievement(input, unlockedAt ?? Now);
        Replace(game with { Achievements = [.. game.Achievements, unlocked] });
        await PersistAsync();
        await PublishToUserAsync(State.OwnerUserId!, UnlockedEvent(game, unlocked));
        return true;
    }

    public Task<Game?> GetGameAsync(string gameId)
    {
        RequireCreated();
        return Task.FromResult(gameId is null ? null : _byId.GetValueOrDefault(gameId));
    }

    private LibraryInfo Info() => new()
    {
        LibraryId = LibraryId,
        OwnerUserId = State.OwnerUserId!,
        Name = State.Name,
        Platform = State.Platform,
        CreatedAt = State.CreatedAt,
        GameCount = State.Games.Count,
        RunningSyncOperationId = State.RunningSyncOperationId,
        LastSyncedAt = State.LastSyncedAt,
    };

    private void RequireCreated()
    {
        if (!Created)
        {
            throw new DomainNotFoundException("library_not_found", $"Library '{LibraryId}' does not exist.");
        }
    }

    private Game RequireGame(string gameId) =>
        gameId is not null && _byId.TryGetValue(gameId, out var game)
            ? game
            : throw new DomainNotFoundException("game_not_found", "The library has no game with this game_id.");

    private GameAddedData AddedEvent(Game game, string source, string? operationId) =>
        new(LibraryId, new GameAddedGame(game.GameId, game.Title, game.Developer, game.CoverImageUrl, game.Genres), source, operationId);

    private AchievementUnlockedData UnlockedEvent(Game game, Achievement achievement) =>
        new(LibraryId, game.GameId, game.Title,
            new AchievementData(achievement.AchievementId, achievement.Title, achievement.Description, achievement.IconUrl, achievement.RarityPercentage, achievement.Points),
            achievement.UnlockedAt);

    private static Achievement ToAchievement(AchievementInput input, DateTimeOffset unlockedAt) => new()
    {
        AchievementId = input.AchievementId,
        Title = input.Title,
        Description = input.Description,
        IconUrl = input.IconUrl,
        RarityPercentage = input.RarityPercentage,
        Points = input.Points,
        UnlockedAt = unlockedAt,
    };

    private void Insert(Game game)
    {
        State.Games.Add(game);
        Index(game);
    }

    private void Replace(Game game)
    {
        var index = State.Games.FindIndex(g => g.GameId == game.GameId);
        State.Games[index] = game;
        Index(game);
    }

    private void Index(Game game)
    {
        _byId[game.GameId] = game;
        if (game.PlatformGameId is not null)
        {
            _idByPlatformId[game.PlatformGameId] = game.GameId;
        }
    }

    private void RebuildIndex()
    {
        _byId.Clear();
        _idByPlatformId.Clear();
        foreach (var game in State.Games)
        {
            Index(game);
        }
    }

    /// <summary>Writes the state; when the write fails, memory goes back to what storage holds, and the error propagates.</summary>
    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            try
            {
                await state.ReadStateAsync();
                RebuildIndex();
            }
            catch (Exception)
            {
                // Storage cannot be read either: drop this activation so the next call starts from storage.
                DeactivateOnIdle();
            }

            throw;
        }
    }
}
