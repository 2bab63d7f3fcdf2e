namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>Where a sync operation is. Under the event JSON options these are the documents' strings (<c>in_progress</c>…).</summary>
public enum SyncStatus
{
    /// <summary>Started; the platform's game list has not been read yet.</summary>
    Pending,

    InProgress,

    /// <summary>Waiting for the platform's rate-limit window; resumes by itself.</summary>
    RateLimited,

    Completed,

    Failed,

    Cancelled,
}
