using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>Applies a <see cref="GamePatch"/> and lists, under their wire names, only the fields whose value really changed.</summary>
internal static class GameChanges
{
    public const string Title = "title";
    public const string Developer = "developer";
    public const string Genres = "genres";
    public const string CoverImageUrl = "cover_image_url";
    public const string Metacritic = "metacritic";
    public const string TotalPlaytimeMinutes = "total_playtime_minutes";
    public const string LastPlayedAt = "last_played_at";

    /// <summary>The patched game and its changes (empty when the patch changes nothing). The patch must be validated.</summary>
    public static (Game Game, Dictionary<string, FieldChange> Changes) Apply(Game game, GamePatch patch)
    {
        var changes = new Dictionary<string, FieldChange>(StringComparer.Ordinal);
        var updated = game with
        {
            Title = Track(changes, Title, game.Title, patch.Title),
            Developer = Track(changes, Developer, game.Developer, patch.Developer),
            Genres = patch.Genres is { } genres && !genres.SequenceEqual(game.Genres, StringComparer.Ordinal)
                ? Record(changes, Genres, game.Genres, genres)
                : game.Genres,
            CoverImageUrl = Track(changes, CoverImageUrl, game.CoverImageUrl, patch.CoverImageUrl),
            Metacritic = Track(changes, Metacritic, game.Metacritic, patch.Metacritic),
            TotalPlaytimeMinutes = Track(changes, TotalPlaytimeMinutes, (long?)game.TotalPlaytimeMinutes, patch.TotalPlaytimeMinutes) ?? 0,
            LastPlayedAt = Track(changes, LastPlayedAt, game.LastPlayedAt, patch.LastPlayedAt),
        };
        return (updated, changes);
    }

    private static T Track<T>(Dictionary<string, FieldChange> changes, string field, T current, T? proposed)
    {
        if (proposed is null || EqualityComparer<T>.Default.Equals(current, proposed))
        {
            return current;
        }

        return Record(changes, field, current, proposed);
    }

    private static T Record<T>(Dictionary<string, FieldChange> changes, string field, T old, T value)
    {
        changes[field] = new FieldChange(ToJson(old), ToJson(value));
        return value;
    }

    private static JsonElement? ToJson<T>(T value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, EventJson.Options);
}
