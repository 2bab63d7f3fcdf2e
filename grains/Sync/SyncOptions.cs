namespace OrleansRealtime.Grains.Sync;

/// <summary>How sync operations run, bound from <c>Realtime:Sync</c> and validated at start.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Realtime:Sync";

    /// <summary>At most one <c>sync_progress</c> per operation per interval (plus a final one before the terminal event). Default 1 s.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Games read between checkpoints, 1..500: each checkpoint merges the games into the library and writes the
    /// position to storage, so a restart re-reads at most this many games. Default 10.
    /// </summary>
    public int CheckpointEveryGames { get; set; } = 10;

    /// <summary>
    /// Period of the durable reminder that keeps a running operation alive across silo restarts (must not be
    /// below <c>Realtime:Reminders:MinimumReminderPeriod</c>). Default 1 min.
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Transient platform errors (503, network, timeout) retried for one game before the sync fails, 0..10. Default 2.</summary>
    public int MaxTransientRetries { get; set; } = 2;

    /// <summary>Wait before retrying after a transient error, 0..10 min. Default 5 s.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>retry_after_seconds</c> advised by a <c>sync_failed</c> that can be retried. Default 5 min.</summary>
    public TimeSpan FailedRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries kept in each list of <c>sync_completed.summary</c>, 0..1000 (the counters are always complete). Default 100.</summary>
    public int SummaryMaxGames { get; set; } = 100;
}
