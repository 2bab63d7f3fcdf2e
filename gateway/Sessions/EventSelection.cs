using System.Text.Json;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// What one <c>/ws</c> socket has subscribed to (document 003). Before the first <c>subscribe</c> everything
/// passes; after it, the union of the named event types and categories, minus what <c>unsubscribe</c> named.
/// Filters apply only to events that carry the filtered field: <c>library_id</c> to events whose data has a
/// <c>library_id</c>, <c>game_genres</c> to game events that carry genres, <c>notification_level</c> to
/// <c>system_notification</c>. Immutable: a change builds a new selection, swapped in atomically.
/// </summary>
internal sealed class EventSelection
{
    private static readonly HashSet<string> GameEvents = new(StringComparer.Ordinal) { "game_added", "game_updated", "achievement_unlocked" };

    private EventSelection(HashSet<string>? names, SubscriptionFilters filters)
    {
        Names = names;
        Filters = filters;
    }

    /// <summary>Everything, unfiltered: a socket that never subscribed.</summary>
    public static EventSelection All { get; } = new(null, new SubscriptionFilters());

    /// <summary>The subscribed types and categories; null before the first <c>subscribe</c>.</summary>
    public HashSet<string>? Names { get; }

    public SubscriptionFilters Filters { get; }

    /// <summary>The names a client may subscribe to: every category but <c>connection</c> (they are the <c>features</c> of <c>connection_established</c>).</summary>
    public static IReadOnlyList<string> Features { get; } =
        [.. Enum.GetValues<EventCategory>().Where(c => c != EventCategory.Connection).Select(EventCatalog.CategoryName)];

    /// <summary>Whether <paramref name="name"/> is a category or a server-to-client event type.</summary>
    public static bool IsKnown(string name) =>
        Features.Contains(name) || (EventCatalog.TryGet(name, out var d) && !d.ClientToServer && d.Category != EventCategory.Connection);

    /// <summary>Adds names and replaces each filter the request sets (a filter it leaves out stays as it was).</summary>
    public EventSelection Subscribe(IEnumerable<string> names, SubscriptionFilters? filters)
    {
        var set = Names is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(Names, StringComparer.Ordinal);
        set.UnionWith(names);
        var merged = filters is null
            ? Filters
            : new SubscriptionFilters(
                filters.LibraryId ?? Filters.LibraryId,
                filters.GameGenres ?? Filters.GameGenres,
                filters.NotificationLevel ?? Filters.NotificationLevel);
        return new EventSelection(set, merged);
    }

    /// <summary>Removes names; from "everything" it starts from every feature, so unsubscribing one category keeps the rest.</summary>
    public EventSelection Unsubscribe(IEnumerable<string> names)
    {
        var set = new HashSet<string>(Names ?? (IEnumerable<string>)Features, StringComparer.Ordinal);
        foreach (var name in names)
        {
            set.Remove(name);
        }

        return new EventSelection(set, Filters);
    }

    public IReadOnlyList<string> Describe() => Names is null ? Features : [.. Names.Order(StringComparer.Ordinal)];

    public bool Matches(FeedItem item)
    {
        var envelope = item.Envelope;
        if (Names is not null && !Names.Contains(envelope.Type) && !Names.Contains(EventCatalog.CategoryName(item.Category)))
        {
            return false;
        }

        return PassesFilters(envelope);
    }

    private bool PassesFilters(Envelope envelope)
    {
        var data = envelope.Data;
        if (data.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (Filters.LibraryId is { } library
            && data.TryGetProperty("library_id", out var lib) && lib.ValueKind == JsonValueKind.String
            && !string.Equals(lib.GetString(), library, StringComparison.Ordinal))
        {
            return false;
        }

        if (Filters.GameGenres is { Count: > 0 } genres && GameEvents.Contains(envelope.Type) && GenresOf(data) is { } carried
            && !carried.Any(g => genres.Contains(g, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Filters.NotificationLevel is { Count: > 0 } levels && envelope.Type == "system_notification"
            && data.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String
            && !levels.Contains(level.GetString()!, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return true;
    }

    /// <summary>The genres an event carries (<c>genres</c>, or <c>game.genres</c> of <c>game_added</c>), or null when it carries none.</summary>
    private static List<string>? GenresOf(JsonElement data)
    {
        if (!data.TryGetProperty("genres", out var genres) && !(data.TryGetProperty("game", out var game)
                && game.ValueKind == JsonValueKind.Object && game.TryGetProperty("genres", out genres)))
        {
            return null;
        }

        return genres.ValueKind == JsonValueKind.Array
            ? [.. genres.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!)]
            : null;
    }
}
