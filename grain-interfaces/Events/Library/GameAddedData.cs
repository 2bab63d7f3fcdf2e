namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary><c>game_added</c> (document 003): a game joined a library; <c>operation_id</c> is the sync that added it, or null.</summary>
public sealed record GameAddedData(
    string LibraryId,
    GameAddedGame Game,
    string Source,
    string? OperationId);
