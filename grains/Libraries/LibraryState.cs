using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>What a <see cref="LibraryGrain"/> persists. Games keep their insertion order.</summary>
public sealed class LibraryState
{
    public string? OwnerUserId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Platform { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public List<Game> Games { get; set; } = [];

    public string? RunningSyncOperationId { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary>The last batch a sync merged, so a batch merged again after a lost checkpoint reports the same changes.</summary>
    public SyncBatchRecord? LastSyncBatch { get; set; }
}
