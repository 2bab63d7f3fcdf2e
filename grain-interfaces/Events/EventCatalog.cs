using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// The one place that defines every event type of the four protocol documents (and ours, such as
/// <c>presence_updated</c>): its data contract, category, delivery class and Socket.IO name. Each area lists
/// its events in its own partial file (<c>EventCatalog.&lt;Area&gt;.cs</c>); docs/events.md is checked against it.
/// </summary>
public static partial class EventCatalog
{
    private static readonly Lazy<Tables> Lookup = new(Build);

    /// <summary>Every event, server-to-client and client-to-server, in documentation order.</summary>
    public static IReadOnlyList<EventDescriptor> All => Lookup.Value.All;

    public static bool TryGet(string type, out EventDescriptor descriptor) =>
        Lookup.Value.ByType.TryGetValue(type, out descriptor!);

    public static EventDescriptor Get(string type) =>
        TryGet(type, out var d) ? d : throw new KeyNotFoundException($"'{type}' is not in the event catalog.");

    public static EventDescriptor ForContract(Type contract) =>
        Lookup.Value.ByContract.TryGetValue(contract, out var d)
            ? d
            : throw new KeyNotFoundException($"{contract.Name} is not the contract of any event in the catalog.");

    /// <summary>The wire name of a category (<c>sync_progress</c>, <c>ai_chat</c>…), as clients subscribe to it.</summary>
    public static string CategoryName(EventCategory category) => JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());

    public static bool TryParseCategory(string name, out EventCategory category)
    {
        foreach (var c in Enum.GetValues<EventCategory>())
        {
            if (CategoryName(c) == name)
            {
                category = c;
                return true;
            }
        }

        category = default;
        return false;
    }

    private static Tables Build()
    {
        EventDescriptor[] all = [.. Connection(), .. Users(), .. Library(), .. Sync(), .. Chat(), .. SystemNotices()];
        var byType = new Dictionary<string, EventDescriptor>(StringComparer.Ordinal);
        var byContract = new Dictionary<Type, EventDescriptor>();
        foreach (var d in all)
        {
            if (!byType.TryAdd(d.Type, d))
            {
                throw new InvalidOperationException($"Event type '{d.Type}' is defined twice in the catalog.");
            }

            // Several events may share a contract only if they are built by name; Create<T> needs one owner.
            byContract.TryAdd(d.Contract, d);
        }

        return new Tables(all, byType.ToFrozenDictionary(StringComparer.Ordinal), byContract.ToFrozenDictionary());
    }

    private sealed record Tables(
        IReadOnlyList<EventDescriptor> All,
        FrozenDictionary<string, EventDescriptor> ByType,
        FrozenDictionary<Type, EventDescriptor> ByContract);
}
