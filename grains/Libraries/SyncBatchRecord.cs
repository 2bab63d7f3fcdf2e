using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>
/// What the last sync batch changed. A sync writes its checkpoint after the library merged a batch; if that
/// write is lost, the operation reads the same games again and merges them a second time, which now changes
/// nothing. Recalling this record lets the second merge report the same games as added or updated, so
/// <c>games_added</c>, <c>games_updated</c> and the summary stay exact (neither lost nor counted twice).
/// </summary>
public sealed class SyncBatchRecord
{
    public string OperationId { get; set; } = string.Empty;

    public List<AddedGame> Added { get; set; } = [];

    public List<UpdatedGame> Updated { get; set; } = [];
}
