using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Grains.Sync;

// The progress and terminal events, and telling the library.
public sealed partial class SyncOperationGrain
{
    private static readonly TimeSpan MaxEstimate = TimeSpan.FromDays(30);

    /// <summary>
    /// Counters as of now (games read but not yet checkpointed count as processed; added and updated count
    /// once merged). The rate is over this activation's run, so a wait or restart does not distort it.
    /// </summary>
    private async Task PublishProgressAsync()
    {
        _lastProgressAt = Now;
        var request = Request;
        var processed = State.GamesProcessed + _pending.Count;
        var total = State.GamesTotal ?? processed;
        var elapsed = Now - _rateWindowStart;
        var rate = elapsed > TimeSpan.Zero ? (processed - _rateWindowProcessed) / elapsed.TotalMinutes : 0;
        var remaining = total - processed;
        DateTimeOffset? estimate = remaining <= 0 ? Now
            : rate > 0 ? Now + TimeSpan.FromMinutes(Math.Min(remaining / rate, MaxEstimate.TotalMinutes))
            : null;
        await PublishToUserAsync(request.OwnerUserId, new SyncProgressData(
            OperationId, request.LibraryId, SyncStatus.InProgress, Percentage(processed), processed, total,
            State.GamesAdded, State.GamesUpdated, _currentGame, (int)Math.Round(rate), estimate, State.ErrorsCount));
    }

    /// <summary>Ends the operation: state first, then the library is freed, then the one terminal event.</summary>
    private async Task FinishAsync(SyncStatus status, SyncFailure? failure)
    {
        var request = Request;
        State.Status = status;
        State.FinishedAt = Now;
        State.ResumeAt = null;
        if (failure is not null)
        {
            State.LastErrorCode = failure.Code;
            State.LastErrorMessage = failure.Message;
        }

        _plan = null;
        await WriteStateAsync();
        await UnregisterAsync(ResumeReminder);

        // Free the library before announcing the end, so a client reacting to the terminal event can start the next sync.
        await NotifyLibraryAsync();
        if (State.LibraryNotified)
        {
            await UnregisterAsync(WatchdogReminder);
        }

        var processed = State.GamesProcessed;
        if (failure is null)
        {
            await PublishToUserAsync(request.OwnerUserId, new SyncCompletedData(
                OperationId, request.LibraryId, SyncStatus.Completed,
                Math.Round((State.FinishedAt.Value - State.StartedAt).TotalMinutes, 2),
                processed, State.GamesAdded, State.GamesUpdated, GamesRemoved: 0, State.ErrorsCount,
                new SyncSummaryData([.. State.NewGames], [.. State.UpdatedGames])));
        }
        else
        {
            await PublishToUserAsync(request.OwnerUserId, new SyncFailedData(
                OperationId, request.LibraryId, SyncStatus.Failed, failure.Code, failure.Message,
                processed, State.GamesTotal ?? processed, failure.CanRetry,
                failure.RetryAfter is { } after ? (int)Math.Ceiling(after.TotalSeconds) : null,
                failure.Suggestions));
        }

        LogFinished(logger, OperationId, status, processed, State.GamesAdded, State.GamesUpdated, failure?.Code);
    }

    /// <summary>Frees the library for the next sync; on failure the watchdog reminder tries again.</summary>
    private async Task NotifyLibraryAsync()
    {
        if (State.Request is null || State.LibraryNotified)
        {
            return;
        }

        try
        {
            await Library.SyncFinishedAsync(OperationId);
            State.LibraryNotified = true;
            await WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogNotifyFailed(logger, ex, OperationId);
        }
    }

    private int Percentage(int processed) => State.GamesTotal switch
    {
        null => 0,
        0 => 100,
        { } total => Math.Min(100, processed * 100 / total),
    };

    private IReadOnlyList<string> Suggestions(string code)
    {
        var platform = _platform?.DisplayName ?? platforms.Find(Request.Platform)?.DisplayName ?? Request.Platform;
        return code switch
        {
            SyncErrorCodes.PlatformApiError =>
                [$"Check {platform} API status", "Verify API credentials", $"Try again in {Math.Max(1, (int)Math.Round(Options.FailedRetryAfter.TotalMinutes))} minutes"],
            SyncErrorCodes.PlatformAuthError =>
                ["Verify API credentials", $"Make sure the {platform} profile's game details are public"],
            SyncErrorCodes.PlatformNotConfigured =>
                [$"Ask an administrator to enable the {platform} platform and link your account"],
            SyncErrorCodes.LibraryUnavailable =>
                ["Check that the library still exists", "Try again in a few minutes"],
            _ => ["Try again later"],
        };
    }
}
