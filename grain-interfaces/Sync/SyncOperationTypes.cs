namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>The accepted <c>operation_type</c> values (echoed in <c>sync_started</c>).</summary>
public static class SyncOperationTypes
{
    /// <summary>Reads every owned game and its achievements.</summary>
    public const string FullSync = "full_sync";

    /// <summary>Reads every owned game, and achievements only for games played since they were last seen.</summary>
    public const string IncrementalSync = "incremental_sync";

    public static bool IsKnown(string? value) => value is FullSync or IncrementalSync;
}
