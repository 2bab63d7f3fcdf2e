using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Platforms;

namespace OrleansRealtime.Grains.Sync;

// The run: one timer tick per game, a checkpoint every CheckpointEveryGames games.
public sealed partial class SyncOperationGrain
{
    private readonly List<PlatformGame> _pending = [];
    private List<OwnedGame>? _plan;
    private int _position;
    private IGamePlatform? _platform;
    private IReadOnlyDictionary<string, long>? _knownPlaytimes;
    private CurrentGameData? _currentGame;
    private DateTimeOffset _lastProgressAt;
    private DateTimeOffset _rateWindowStart;
    private int _rateWindowProcessed;
    private int _consecutiveFailures;

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        if (_stateLost)
        {
            return;
        }

        try
        {
            await WorkCoreAsync(cancellationToken);
        }
        catch (Exception) when (_stateLost)
        {
            // A state write failed (logged), also while handling another failure: the activation is being
            // dropped and its successor resumes from storage.
        }
    }

    private async Task WorkCoreAsync(CancellationToken cancellationToken)
    {
        await ResumeIfDueAsync();
        if (!IsRunning)
        {
            return;
        }

        try
        {
            if (_plan is null && !await LoadPlanAsync(cancellationToken))
            {
                return;
            }

            if (_position < _plan!.Count)
            {
                await ReadNextAsync(_plan[_position], cancellationToken);
                if (_pending.Count >= Options.CheckpointEveryGames)
                {
                    await FlushAsync();
                }

                if (Now - _lastProgressAt >= Options.ProgressInterval)
                {
                    await PublishProgressAsync();
                }

                ScheduleWork(TimeSpan.Zero);
                return;
            }

            await FlushAsync();
            await PublishProgressAsync();
            await FinishAsync(SyncStatus.Completed, failure: null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The activation is going away; its successor resumes from the checkpoint.
        }
        catch (Exception) when (_stateLost)
        {
            throw; // handled in WorkAsync; must not be taken for a platform or library failure
        }
        catch (PlatformRateLimitedException ex)
        {
            await RateLimitedAsync(ex);
        }
        catch (PlatformUnavailableException ex)
        {
            await TransientFailureAsync(SyncErrorCodes.PlatformApiError, ex.Message);
        }
        catch (GamePlatformException ex)
        {
            await TryFlushAsync();
            var code = ex is PlatformAuthenticationException ? SyncErrorCodes.PlatformAuthError : SyncErrorCodes.PlatformNotConfigured;
            await FinishAsync(SyncStatus.Failed, new SyncFailure(code, ex.Message, CanRetry: false, RetryAfter: null, Suggestions(code)));
        }
        catch (DomainException ex)
        {
            // The library refused (it no longer exists): retrying cannot help.
            await FinishAsync(SyncStatus.Failed, new SyncFailure(
                SyncErrorCodes.LibraryUnavailable, ex.Detail, CanRetry: false, RetryAfter: null, Suggestions(SyncErrorCodes.LibraryUnavailable)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnexpected(logger, ex, OperationId);
            await TransientFailureAsync(SyncErrorCodes.LibraryUnavailable, "The library could not be updated.");
        }
    }

    /// <summary>Reads the owned-games list and positions the run after the checkpoint. False when the operation ended instead.</summary>
    private async Task<bool> LoadPlanAsync(CancellationToken cancellationToken)
    {
        var request = Request;
        try
        {
            _platform = platforms.Resolve(request.Platform, Context(request));
        }
        catch (DomainValidationException ex)
        {
            await FinishAsync(SyncStatus.Failed, new SyncFailure(
                SyncErrorCodes.PlatformNotConfigured, ex.Detail, CanRetry: false, RetryAfter: null, Suggestions(SyncErrorCodes.PlatformNotConfigured)));
            return false;
        }

        var owned = await _platform.GetOwnedGamesAsync(Context(request), cancellationToken);
        var sorted = owned.DistinctBy(g => g.PlatformGameId).OrderBy(g => g.PlatformGameId, PlatformIdComparer.Instance);
        var checkpoint = State.LastPlatformGameId;
        List<OwnedGame> plan = [.. checkpoint is null ? sorted : sorted.Where(g => PlatformIdComparer.Instance.Compare(g.PlatformGameId, checkpoint) > 0)];
        var knownPlaytimes = request.OperationType == SyncOperationTypes.IncrementalSync
            ? await Library.GetPlatformPlaytimesAsync()
            : null;

        // Only now, after the last call that can fail: a plan set before it would make the retry skip this
        // method and run without the playtimes, the totals and sync_started.
        _plan = plan;
        _position = 0;
        _knownPlaytimes = knownPlaytimes;
        _consecutiveFailures = 0;
        _rateWindowStart = _lastProgressAt = Now;
        _rateWindowProcessed = State.GamesProcessed;
        State.GamesTotal = State.GamesProcessed + _plan.Count;
        State.Status = SyncStatus.InProgress;
        var first = !State.StartedPublished;
        State.StartedPublished = true;
        await WriteStateAsync();
        if (first)
        {
            var perGame = _platform.EstimatedTimePerGame(Context(request));
            await PublishToUserAsync(request.OwnerUserId, new SyncStartedData(
                OperationId, request.LibraryId, request.LibraryName, request.OperationType,
                (int)Math.Ceiling(_plan.Count * perGame.TotalMinutes), _plan.Count));
        }

        return true;
    }

    private async Task ReadNextAsync(OwnedGame owned, CancellationToken cancellationToken)
    {
        PlatformGame game;
        if (_knownPlaytimes is not null
            && _knownPlaytimes.TryGetValue(owned.PlatformGameId, out var known)
            && known == owned.TotalPlaytimeMinutes)
        {
            // Incremental: nothing was played since the last sync, so the list entry is all there is to know.
            game = new PlatformGame
            {
                PlatformGameId = owned.PlatformGameId,
                Title = owned.Title,
                CoverImageUrl = owned.CoverImageUrl,
                TotalPlaytimeMinutes = owned.TotalPlaytimeMinutes,
                LastPlayedAt = owned.LastPlayedAt,
            };
        }
        else
        {
            State.NextGameAttempts++;
            game = await _platform!.GetGameAsync(Context(Request), owned, State.NextGameAttempts, cancellationToken);
        }

        State.NextGameAttempts = 0;
        _consecutiveFailures = 0;
        _pending.Add(game with { PlatformGameId = owned.PlatformGameId });
        _position++;
        _currentGame = new CurrentGameData(game.Title, owned.PlatformGameId);
    }

    /// <summary>Merges the games read since the last checkpoint into the library, then writes the new checkpoint.</summary>
    private async Task FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToList();
        var result = await Library.ApplyPlatformGamesAsync(batch, OperationId);
        State.GamesProcessed += batch.Count;
        State.LastPlatformGameId = batch[^1].PlatformGameId;
        State.GamesAdded += result.Added.Count;
        State.GamesUpdated += result.Updated.Count;
        State.ErrorsCount += result.Errors;
        State.NewGames.AddRange(result.Added.Select(a => new SyncNewGameData(a.Title, a.GameId))
            .Take(Math.Max(0, Options.SummaryMaxGames - State.NewGames.Count)));
        State.UpdatedGames.AddRange(result.Updated.Select(u => new SyncUpdatedGameData(u.Title, u.Changes, u.GameId))
            .Take(Math.Max(0, Options.SummaryMaxGames - State.UpdatedGames.Count)));
        _pending.Clear();
        await WriteStateAsync();
    }

    /// <summary>Flushes on a failure path, where the failure being handled matters more than a second one.</summary>
    private async Task TryFlushAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception ex) when (!_stateLost)
        {
            // The games stay pending: the next checkpoint (after a retry or a resume) merges them.
            LogFlushFailed(logger, ex, OperationId);
        }
    }

    private async Task RateLimitedAsync(PlatformRateLimitedException ex)
    {
        await TryFlushAsync();
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(ex.RetryAfter.TotalSeconds), 1, TimeSpan.FromDays(1).TotalSeconds));
        State.Status = SyncStatus.RateLimited;
        State.ResumeAt = Now + retryAfter;
        await WriteStateAsync();
        await RegisterOrUpdateReminder(ResumeReminder, retryAfter, Options.WatchdogPeriod);
        LogRateLimited(logger, OperationId, retryAfter, State.GamesProcessed);
        await PublishToUserAsync(Request.OwnerUserId, new SyncRateLimitedData(
            OperationId, Request.LibraryId, SyncStatus.RateLimited, Request.Platform,
            (int)retryAfter.TotalSeconds, ex.RequestsRemaining, ex.WindowResetAt, AutoResume: true));
    }

    private async Task TransientFailureAsync(string code, string message)
    {
        _consecutiveFailures++;
        State.ErrorsCount++;
        State.LastErrorCode = code;
        State.LastErrorMessage = message;
        await TryFlushAsync();
        if (_consecutiveFailures <= Options.MaxTransientRetries)
        {
            await WriteStateAsync();
            LogRetrying(logger, OperationId, code, _consecutiveFailures, Options.TransientRetryDelay);
            ScheduleWork(Options.TransientRetryDelay);
            return;
        }

        await FinishAsync(SyncStatus.Failed, new SyncFailure(code, message, CanRetry: true, Options.FailedRetryAfter, Suggestions(code)));
    }

    /// <summary>A rate-limited operation whose wait is over continues (the reminder or a new activation noticed).</summary>
    private async Task ResumeIfDueAsync()
    {
        if (State.Request is null || State.Status != SyncStatus.RateLimited || State.ResumeAt > Now)
        {
            return;
        }

        LogResumingAfterRateLimit(logger, OperationId, State.GamesProcessed);
        State.Status = SyncStatus.InProgress;
        State.ResumeAt = null;
        await WriteStateAsync();
        await UnregisterAsync(ResumeReminder);
    }
}
