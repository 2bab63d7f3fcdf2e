using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>
/// One entry of <c>summary.updated_games</c>: <c>changes</c> are names such as <c>playtime_updated</c> and
/// <c>achievement_unlocked</c>. <c>game_id</c> is added (omitted when null) so a client can open the game.
/// </summary>
public sealed record SyncUpdatedGameData(
    string Title,
    IReadOnlyList<string> Changes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GameId = null);
