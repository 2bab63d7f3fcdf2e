using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Grains.Sync;

/// <summary>
/// What a <see cref="SyncOperationGrain"/> persists: the request, the status and the checkpoint. The
/// checkpoint is <see cref="LastPlatformGameId"/> (games are processed in platform-id order, so a resumed run
/// skips every id up to it) with the counters and summary as of that point.
/// </summary>
public sealed class SyncOperationState
{
    public SyncStartRequest? Request { get; set; }

    public SyncStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? ResumeAt { get; set; }

    public bool StartedPublished { get; set; }

    public int? GamesTotal { get; set; }

    public int GamesProcessed { get; set; }

    public string? LastPlatformGameId { get; set; }

    public int GamesAdded { get; set; }

    public int GamesUpdated { get; set; }

    public int ErrorsCount { get; set; }

    /// <summary>Reads of the next game so far (platforms inject faults by attempt, and retries are bounded by it).</summary>
    public int NextGameAttempts { get; set; }

    public List<SyncNewGameData> NewGames { get; set; } = [];

    public List<SyncUpdatedGameData> UpdatedGames { get; set; } = [];

    public string? LastErrorCode { get; set; }

    public string? LastErrorMessage { get; set; }

    /// <summary>The library was told the operation ended; until then the watchdog reminder keeps trying.</summary>
    public bool LibraryNotified { get; set; }
}
