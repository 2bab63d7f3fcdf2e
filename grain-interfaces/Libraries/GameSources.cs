namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>
/// Well-known values of the <c>source</c> field of <c>game_added</c> and <c>game_updated</c>. Any value matching
/// <see cref="LibraryLimits.SourcePattern"/> is accepted; these are the ones the system itself uses.
/// </summary>
public static class GameSources
{
    /// <summary>Written by a sync operation (document 003's example).</summary>
    public const string SyncOperation = "sync_operation";

    /// <summary>Entered by the user through the HTTP API.</summary>
    public const string Manual = "manual";
}
