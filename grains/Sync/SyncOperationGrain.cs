using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Publishing;

namespace OrleansRealtime.Grains.Sync;

/// <summary>
/// Runs one library sync. The work is a chain of single-shot timer ticks, one game per tick, so requests
/// (<see cref="GetStateAsync"/>, <see cref="CancelAsync"/>) get in between games. Every
/// <see cref="SyncOptions.CheckpointEveryGames"/> games the batch is merged into the library and the position
/// written to state. Two durable reminders carry the operation over restarts and waits: the watchdog
/// (registered at start, removed once the library knows the operation ended) re-activates the grain, whose
/// activation resumes from the checkpoint; the resume reminder fires when a rate limit's retry-after has passed.
/// </summary>
[GrainType("sync-operation")]
public sealed partial class SyncOperationGrain(
    [PersistentState("state")] IPersistentState<SyncOperationState> state,
    GamePlatformRegistry platforms,
    IOptions<SyncOptions> options,
    ILogger<SyncOperationGrain> logger,
    TimeProvider time) : PublishingGrain(time), ISyncOperationGrain, IRemindable
{
    private const string WatchdogReminder = "sync-watchdog";

    private const string ResumeReminder = "sync-resume";

    private IGrainTimer? _work;

    /// <summary>A state write failed: memory is ahead of storage, so this activation does nothing more and goes away.</summary>
    private bool _stateLost;

    private SyncOperationState State => state.State;

    private SyncOptions Options => options.Value;

    private string OperationId => GrainId.Key;

    private SyncStartRequest Request => State.Request ?? throw new InvalidOperationException("The operation was not started.");

    private bool IsRunning => State.Request is not null && State.Status is SyncStatus.Pending or SyncStatus.InProgress;

    private bool IsTerminal => State.Status is SyncStatus.Completed or SyncStatus.Failed or SyncStatus.Cancelled;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo restart (or idle collection) lost the run: continue from the checkpoint.
        if (IsRunning || (State.Status == SyncStatus.RateLimited && State.ResumeAt <= Now))
        {
            LogResuming(logger, OperationId, State.GamesProcessed);
            ScheduleWork(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<SyncOperationInfo> StartAsync(SyncStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Request is { } existing)
        {
            return existing.LibraryId == request.LibraryId
                ? Info()
                : throw new DomainConflictException("operation_exists", $"Operation '{OperationId}' already belongs to another library.");
        }

        if (string.IsNullOrEmpty(request.LibraryId) || string.IsNullOrEmpty(request.OwnerUserId) || string.IsNullOrEmpty(request.Platform))
        {
            throw new DomainValidationException("invalid_input", "library_id, owner_user_id and platform are required.");
        }

        if (!SyncOperationTypes.IsKnown(request.OperationType))
        {
            throw new DomainValidationException("invalid_operation_type", $"operation_type must be {SyncOperationTypes.FullSync} or {SyncOperationTypes.IncrementalSync}.");
        }

        platforms.Resolve(request.Platform, Context(request));

        // The watchdog first: if it cannot be registered nothing is stored, and a watchdog without state removes itself.
        await RegisterOrUpdateReminder(WatchdogReminder, Options.WatchdogPeriod, Options.WatchdogPeriod);
        State.Request = request;
        State.Status = SyncStatus.Pending;
        State.StartedAt = Now;
        try
        {
            await WriteStateAsync();
        }
        catch (Exception)
        {
            // The caller learns the start failed (and the library frees itself): nothing of it may stay here.
            State.Request = null;
            throw;
        }

        LogStarted(logger, OperationId, request.LibraryId, request.Platform, request.OperationType);
        ScheduleWork(TimeSpan.Zero);
        return Info();
    }

    public Task<SyncOperationInfo?> GetStateAsync() => Task.FromResult(State.Request is null ? null : Info());

    public async Task<SyncOperationInfo> CancelAsync()
    {
        if (State.Request is null)
        {
            throw new DomainNotFoundException("operation_not_found", $"Sync operation '{OperationId}' does not exist.");
        }

        if (IsTerminal)
        {
            return Info();
        }

        // Keep what was already read: the games are real, only the rest of the run is dropped.
        await TryFlushAsync();
        await FinishAsync(SyncStatus.Cancelled, new SyncFailure(
            "SYNC_CANCELLED", "The sync was cancelled.", CanRetry: true, RetryAfter: null, ["Start the sync again when you are ready"]));
        return Info();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Request is null || IsTerminal)
        {
            await NotifyLibraryAsync();
            if (State.Request is null || State.LibraryNotified)
            {
                await UnregisterAsync(WatchdogReminder);
                await UnregisterAsync(ResumeReminder);
            }

            return;
        }

        var wasRateLimited = State.Status == SyncStatus.RateLimited;
        if (wasRateLimited && reminderName == ResumeReminder)
        {
            // The resume reminder is the retry-after elapsing, whatever the two clocks' rounding says.
            State.ResumeAt = Now;
        }

        await ResumeIfDueAsync();
        if (IsRunning && (wasRateLimited || _work is null))
        {
            ScheduleWork(TimeSpan.Zero);
        }
    }

    private SyncOperationInfo Info()
    {
        var request = Request;
        var processed = State.GamesProcessed + _pending.Count;
        return new SyncOperationInfo
        {
            OperationId = OperationId,
            LibraryId = request.LibraryId,
            OwnerUserId = request.OwnerUserId,
            Platform = request.Platform,
            OperationType = request.OperationType,
            Status = State.Status,
            ProgressPercentage = Percentage(processed),
            GamesProcessed = processed,
            GamesTotal = State.GamesTotal,
            GamesAdded = State.GamesAdded,
            GamesUpdated = State.GamesUpdated,
            ErrorsCount = State.ErrorsCount,
            CheckpointIndex = State.GamesProcessed,
            StartedAt = State.StartedAt,
            FinishedAt = State.FinishedAt,
            ResumeAt = State.ResumeAt,
            LastErrorCode = State.LastErrorCode,
            LastErrorMessage = State.LastErrorMessage,
        };
    }

    private PlatformSyncContext Context(SyncStartRequest request) =>
        new(request.LibraryId, request.OwnerUserId, OperationId, request.Demo);

    private ILibraryGrain Library => GrainFactory.GetGrain<ILibraryGrain>(Request.LibraryId);

    private void ScheduleWork(TimeSpan due)
    {
        if (_stateLost)
        {
            return;
        }

        if (_work is null)
        {
            _work = RegisterGrainTimer(WorkAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _work.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Persists the state. When storage fails, memory holds a change storage never saw: the activation stops
    /// working and is dropped, so the watchdog reminder brings the operation back from what storage holds
    /// instead of this activation going on (or publishing) from the lost change.
    /// </summary>
    private async Task WriteStateAsync()
    {
        if (_stateLost)
        {
            throw new InvalidOperationException($"Sync {OperationId} lost a state write; this activation no longer writes.");
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            _stateLost = true;
            _work?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            LogWriteFailed(logger, ex, OperationId);
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task UnregisterAsync(string reminderName)
    {
        if (await GetReminder(reminderName) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }
}
