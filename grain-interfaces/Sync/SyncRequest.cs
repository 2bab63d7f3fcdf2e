namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>A request to sync a library (<see cref="Libraries.ILibraryGrain.StartSyncAsync"/>).</summary>
public sealed record SyncRequest
{
    /// <summary>The platform to read; null uses the library's platform.</summary>
    public string? Platform { get; init; }

    /// <summary><see cref="SyncOperationTypes.FullSync"/> or <see cref="SyncOperationTypes.IncrementalSync"/> (<c>invalid_operation_type</c> otherwise).</summary>
    public string OperationType { get; init; } = SyncOperationTypes.IncrementalSync;

    /// <summary>For the <c>demo</c> platform only: overrides the configured catalog, speed and injected failures for this operation.</summary>
    public DemoSyncSettings? Demo { get; init; }
}
