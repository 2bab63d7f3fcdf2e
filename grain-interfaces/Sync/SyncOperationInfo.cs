namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>A sync operation's state: status, counters, checkpoint and last error.</summary>
public sealed record SyncOperationInfo
{
    public required string OperationId { get; init; }

    public required string LibraryId { get; init; }

    public required string OwnerUserId { get; init; }

    public required string Platform { get; init; }

    public required string OperationType { get; init; }

    public required SyncStatus Status { get; init; }

    public int ProgressPercentage { get; init; }

    /// <summary>Games done, which is also the checkpoint: a resumed sync continues at this index.</summary>
    public int GamesProcessed { get; init; }

    /// <summary>Null until the platform's game list was read.</summary>
    public int? GamesTotal { get; init; }

    public int GamesAdded { get; init; }

    public int GamesUpdated { get; init; }

    public int GamesRemoved { get; init; }

    public int ErrorsCount { get; init; }

    /// <summary>The games_processed value last written to storage (at most a batch behind <see cref="GamesProcessed"/>).</summary>
    public int CheckpointIndex { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When a rate-limited operation resumes.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>The terminal or last transient error (<c>PLATFORM_API_ERROR</c>, <c>SYNC_CANCELLED</c>…).</summary>
    public string? LastErrorCode { get; init; }

    public string? LastErrorMessage { get; init; }
}
