using System.Text.Json;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// What one <c>/ws</c> socket has subscribed to (document 003). Before the first <c>subscribe</c> everything
/// passes; after it, the union of the named event types and categories, minus what <c>unsubscribe</c> named.
/// An unsubscribed name is excluded even where a subscribed category covers it (unsubscribing
/// <c>game_added</c> keeps the rest of <c>library</c>); subscribing a name again lifts its exclusion, and an
/// explicitly subscribed type passes even when its category is excluded.
/// Filters apply only to events that carry the filtered field: <c>library_id</c> to events whose data has a
/// <c>library_id</c>, <c>game_genres</c> to game events that carry genres, <c>notification_level</c> to
/// <c>system_notification</c>. Immutable: a change builds a new selection, swapped in atomically.
/// </summary>
internal sealed class EventSelection
{
    private static readonly HashSet<string> GameEvents = new(StringComparer.Ordinal) { "game_added", "game_updated", "achievement_unlocked" };

    private EventSelection(HashSet<string>? names, HashSet<string> excluded, SubscriptionFilters filters)
    {
        Names = names;
        Excluded = excluded;
        Filters = filters;
    }

    /// <summary>Everything, unfiltered: a socket that never subscribed.</summary>
    public static EventSelection All { get; } = new(null, new HashSet<string>(StringComparer.Ordinal), new SubscriptionFilters());

    /// <summary>Types and categories unsubscribed since they were last subscribed.</summary>
    public HashSet<string> Excluded { get; }

    /// <summary>The subscribed types and categories; null before the first <c>subscribe</c>.</summary>
    public HashSet<string>? Names { get; }

    public SubscriptionFilters Filters { get; }

    /// <summary>The names a client may subscribe to: every category but <c>connection</c> (they are the <c>features</c> of <c>connection_established</c>).</summary>
    public static IReadOnlyList<string> Features { get; } =
        [.. Enum.GetValues<EventCategory>().Where(c => c != EventCategory.Connection).Select(EventCatalog.CategoryName)];

    /// <summary>Whether <paramref name="name"/> is a category or a server-to-client event type.</summary>
    public static bool IsKnown(string name) =>
        Features.Contains(name) || (EventCatalog.TryGet(name, out var d) && !d.ClientToServer && d.Category != EventCategory.Connection);

    /// <summary>
    /// Adds names and replaces each filter the request sets: a filter it leaves out (or sends as null) stays as it
    /// was; an empty string or empty array clears that filter.
    /// </summary>
    public EventSelection Subscribe(IEnumerable<string> names, SubscriptionFilters? filters)
    {
        var set = Names is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(Names, StringComparer.Ordinal);
        var excluded = new HashSet<string>(Excluded, StringComparer.Ordinal);
        foreach (var name in names)
        {
            set.Add(name);
            excluded.Remove(name);
        }

        var merged = filters is null
            ? Filters
            : new SubscriptionFilters(
                filters.LibraryId is null ? Filters.LibraryId : NullIfEmpty(filters.LibraryId),
                filters.GameGenres is null ? Filters.GameGenres : NullIfEmpty(filters.GameGenres),
                filters.NotificationLevel is null ? Filters.NotificationLevel : NullIfEmpty(filters.NotificationLevel));
        return new EventSelection(set, excluded, merged);
    }

    /// <summary>Removes names, and excludes them where a subscribed category (or "everything") still covers them.</summary>
    public EventSelection Unsubscribe(IEnumerable<string> names)
    {
        var set = Names is null ? null : new HashSet<string>(Names, StringComparer.Ordinal);
        var excluded = new HashSet<string>(Excluded, StringComparer.Ordinal);
        foreach (var name in names)
        {
            set?.Remove(name);
            excluded.Add(name);
        }

        return new EventSelection(set, excluded, Filters);
    }

    /// <summary>What the socket receives, as the acknowledgements list it: subscribed names (every feature before the first subscribe) less the excluded ones.</summary>
    public IReadOnlyList<string> Describe() => Names is null
        ? [.. Features.Where(n => !Excluded.Contains(n))]
        : [.. Names.Where(n => !Excluded.Contains(n)).Order(StringComparer.Ordinal)];

    public bool Matches(FeedItem item)
    {
        var envelope = item.Envelope;
        if (Names is null && Excluded.Count == 0)
        {
            // A socket that never subscribed or unsubscribed: the common case, checked once per socket per event.
            return PassesFilters(envelope);
        }

        var category = item.CategoryName;
        var selected = !Excluded.Contains(envelope.Type)
            && (Names?.Contains(envelope.Type) == true
                || (!Excluded.Contains(category) && (Names is null || Names.Contains(category))));
        return selected && PassesFilters(envelope);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> value) => value.Count == 0 ? null : value;

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
