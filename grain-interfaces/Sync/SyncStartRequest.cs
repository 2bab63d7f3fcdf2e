namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>What a sync operation needs to run, as the library passes it.</summary>
public sealed record SyncStartRequest
{
    public required string LibraryId { get; init; }

    /// <summary>Whose stream receives the events.</summary>
    public required string OwnerUserId { get; init; }

    /// <summary>Echoed in <c>sync_started.library_name</c>.</summary>
    public required string LibraryName { get; init; }

    public required string Platform { get; init; }

    public required string OperationType { get; init; }

    public DemoSyncSettings? Demo { get; init; }
}
