using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Input;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;

namespace OrleansRealtime.Grains.Libraries;

// Sync coordination: one running operation per library, and the merge of the games it reads.
public sealed partial class LibraryGrain
{
    public async Task<ApplyPlatformGamesResult> ApplyPlatformGamesAsync(IReadOnlyList<PlatformGame> games, string operationId)
    {
        RequireCreated();
        var operation = LibraryValidation.Id(operationId, "operation_id");
        if (games is null || games.Count > LibraryLimits.MaxApplyBatch)
        {
            throw new DomainValidationException("invalid_input", $"A batch holds 0..{LibraryLimits.MaxApplyBatch} games.");
        }

        var added = new List<AddedGame>();
        var updated = new List<UpdatedGame>();
        var events = new List<Envelope>();
        var errors = 0;

        // The same operation merging games of its previous batch again: its checkpoint was lost after that merge.
        var previous = State.LastSyncBatch is { } last && last.OperationId == operation ? last : null;
        foreach (var entry in games)
        {
            if (!TryNormalize(entry, out var game, ref errors))
            {
                continue;
            }

            if (!_idByPlatformId.TryGetValue(game.PlatformGameId, out var gameId))
            {
                if (State.Games.Count >= LibraryLimits.MaxGames)
                {
                    errors++;
                    continue;
                }

                var created = NewGame(game);
                Insert(created);
                events.Add(Envelope.Create(AddedEvent(created, GameSources.SyncOperation, operation), Now));
                added.Add(new AddedGame(created.GameId, created.Title, game.PlatformGameId));
                continue;
            }

            var changed = Merge(_byId[gameId], game, operation, events);
            if (previous?.Added.Find(a => a.GameId == gameId) is { } earlierAdd)
            {
                added.Add(earlierAdd with { Title = _byId[gameId].Title });
            }
            else if (previous?.Updated.Find(u => u.GameId == gameId) is { } earlierUpdate)
            {
                updated.Add(changed is null ? earlierUpdate : changed with { Changes = [.. earlierUpdate.Changes.Union(changed.Changes)] });
            }
            else if (changed is not null)
            {
                updated.Add(changed);
            }
        }

        if (events.Count > 0)
        {
            State.LastSyncBatch = new SyncBatchRecord { OperationId = operation, Added = added, Updated = updated };
            await PersistAsync();
            foreach (var envelope in events)
            {
                await PublishToUserAsync(State.OwnerUserId!, envelope);
            }
        }

        return new ApplyPlatformGamesResult { Added = added, Updated = updated, Errors = errors };
    }

    public async Task<StartSyncResult> StartSyncAsync(SyncRequest request)
    {
        RequireCreated();
        RequiredInput.NotNull(request, "The sync request");
        if (!SyncOperationTypes.IsKnown(request.OperationType))
        {
            throw new DomainValidationException("invalid_operation_type", $"operation_type must be {SyncOperationTypes.FullSync} or {SyncOperationTypes.IncrementalSync}.");
        }

        var platformName = request.Platform is null ? State.Platform : LibraryValidation.Platform(request.Platform);
        if (request.Demo is not null && platformName != DemoGamePlatform.PlatformName)
        {
            throw new DomainValidationException("invalid_demo_settings", "Demo settings apply only to the demo platform.");
        }

        DemoSettings.Validate(request.Demo);
        if (State.RunningSyncOperationId is { } running)
        {
            return new StartSyncResult(running, AlreadyRunning: true);
        }

        var operationId = Guid.NewGuid().ToString();
        platforms.Resolve(platformName, new PlatformSyncContext(LibraryId, State.OwnerUserId!, operationId, request.Demo));

        // Claim the library before the operation starts, so a crash in between can never leave two running.
        State.RunningSyncOperationId = operationId;
        await PersistAsync();
        try
        {
            await GrainFactory.GetGrain<ISyncOperationGrain>(operationId).StartAsync(new SyncStartRequest
            {
                LibraryId = LibraryId,
                OwnerUserId = State.OwnerUserId!,
                LibraryName = State.Name,
                Platform = platformName,
                OperationType = request.OperationType,
                Demo = request.Demo,
            });
        }
        catch (Exception)
        {
            State.RunningSyncOperationId = null;
            await PersistAsync();
            throw;
        }

        return new StartSyncResult(operationId, AlreadyRunning: false);
    }

    public async Task SyncFinishedAsync(string operationId)
    {
        if (!Created || operationId is null || State.RunningSyncOperationId != operationId)
        {
            return;
        }

        State.RunningSyncOperationId = null;
        State.LastSyncedAt = Now;
        await PersistAsync();
    }

    /// <summary>
    /// Updates a known game from the platform: changed fields (a platform never clears one: null and empty mean
    /// unknown) and achievements not yet unlocked. Returns null when nothing changed.
    /// </summary>
    private UpdatedGame? Merge(Game current, PlatformGame game, string operation, List<Envelope> events)
    {
        var (patched, changes) = GameChanges.Apply(current, new GamePatch
        {
            Title = game.Title,
            Developer = game.Developer,
            Genres = game.Genres.Count == 0 ? null : game.Genres,
            CoverImageUrl = game.CoverImageUrl,
            Metacritic = game.Metacritic,
            TotalPlaytimeMinutes = game.TotalPlaytimeMinutes,
            LastPlayedAt = game.LastPlayedAt,
        });
        var known = current.Achievements.Select(a => a.AchievementId).ToHashSet(StringComparer.Ordinal);
        var unlocked = game.Achievements.Where(a => !known.Contains(a.AchievementId))
            .Take(Math.Max(0, LibraryLimits.MaxAchievementsPerGame - current.Achievements.Count))
            .ToList();
        if (changes.Count == 0 && unlocked.Count == 0)
        {
            return null;
        }

        var result = patched with { Achievements = [.. current.Achievements, .. unlocked] };
        Replace(result);
        if (changes.Count > 0)
        {
            events.Add(Envelope.Create(new GameUpdatedData(LibraryId, result.GameId, changes, GameSources.SyncOperation, operation), Now));
        }

        foreach (var achievement in unlocked)
        {
            events.Add(Envelope.Create(UnlockedEvent(result, achievement), Now));
        }

        return new UpdatedGame(result.GameId, result.Title, game.PlatformGameId, ChangeNames(changes.Keys, unlocked.Count > 0));
    }

    /// <summary>
    /// A game new to the library. Its achievements are stored without <c>achievement_unlocked</c> events: they
    /// were unlocked before the library knew the game, and a first sync would otherwise flood the stream.
    /// </summary>
    private Game NewGame(PlatformGame game) => new()
    {
        GameId = Guid.NewGuid().ToString(),
        Title = game.Title,
        Developer = game.Developer,
        Genres = game.Genres,
        CoverImageUrl = game.CoverImageUrl,
        Metacritic = game.Metacritic,
        TotalPlaytimeMinutes = game.TotalPlaytimeMinutes,
        LastPlayedAt = game.LastPlayedAt,
        PlatformGameId = game.PlatformGameId,
        Achievements = [.. game.Achievements.Take(LibraryLimits.MaxAchievementsPerGame)],
        AddedAt = Now,
    };

    private static List<string> ChangeNames(IEnumerable<string> fields, bool achievementsUnlocked)
    {
        var names = new List<string>();
        foreach (var field in fields)
        {
            var name = field switch
            {
                GameChanges.TotalPlaytimeMinutes => SyncChangeNames.PlaytimeUpdated,
                GameChanges.LastPlayedAt => SyncChangeNames.LastPlayedUpdated,
                _ => SyncChangeNames.DetailsUpdated,
            };
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        if (achievementsUnlocked)
        {
            names.Add(SyncChangeNames.AchievementUnlocked);
        }

        return names;
    }

    /// <summary>Validates a platform entry like user input; a broken entry (or achievement) is skipped and counted, not thrown.</summary>
    private static bool TryNormalize(PlatformGame? entry, out PlatformGame game, ref int errors)
    {
        game = null!;
        if (entry is null)
        {
            errors++;
            return false;
        }

        try
        {
            var achievements = new List<Achievement>();
            foreach (var achievement in entry.Achievements ?? [])
            {
                if (TryNormalize(achievement) is { } valid && achievements.TrueForAll(a => a.AchievementId != valid.AchievementId))
                {
                    achievements.Add(valid);
                }
                else
                {
                    errors++;
                }
            }

            game = entry with
            {
                PlatformGameId = LibraryValidation.Id(entry.PlatformGameId, "platform_game_id"),
                Title = LibraryValidation.Title(entry.Title),
                Developer = LibraryValidation.Developer(entry.Developer),
                Genres = LibraryValidation.Genres(entry.Genres) ?? [],
                CoverImageUrl = LibraryValidation.Url(entry.CoverImageUrl),
                Metacritic = LibraryValidation.Metacritic(entry.Metacritic),
                TotalPlaytimeMinutes = LibraryValidation.Playtime(entry.TotalPlaytimeMinutes) ?? 0,
                Achievements = [.. achievements.OrderBy(a => a.UnlockedAt)],
            };
            return true;
        }
        catch (DomainValidationException)
        {
            errors++;
            return false;
        }
    }

    private static Achievement? TryNormalize(Achievement? achievement)
    {
        if (achievement is null)
        {
            return null;
        }

        try
        {
            var input = LibraryValidation.Achievement(new AchievementInput
            {
                AchievementId = achievement.AchievementId,
                Title = achievement.Title,
                Description = achievement.Description,
                IconUrl = achievement.IconUrl,
                RarityPercentage = achievement.RarityPercentage,
                Points = achievement.Points,
            });
            return achievement with { AchievementId = input.AchievementId, Title = input.Title, IconUrl = input.IconUrl };
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }
}
