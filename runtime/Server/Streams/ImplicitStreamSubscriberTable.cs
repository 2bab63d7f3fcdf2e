using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Server.Catalog;

namespace OrleansRealtime.Server.Streams;

/// <summary>Which grain types subscribe implicitly to which stream namespaces (from <see cref="ImplicitStreamSubscriptionAttribute"/>).</summary>
public sealed class ImplicitStreamSubscriberTable
{
    private readonly Dictionary<string, string[]> _byNamespace;

    public ImplicitStreamSubscriberTable(GrainTypeManifest manifest)
    {
        _byNamespace = manifest.Classes
            .SelectMany(c => c.ImplicitStreamNamespaces.Select(ns => (Namespace: ns, c.GrainType)))
            .GroupBy(x => x.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.GrainType).Distinct().ToArray(), StringComparer.Ordinal);
    }

    /// <summary>True when some grain type subscribes implicitly to the stream's namespace (a check that allocates nothing).</summary>
    public bool HasSubscribers(StreamId streamId) => _byNamespace.ContainsKey(streamId.Namespace);

    /// <summary>The implicit subscribers of a stream: each subscribed grain type, keyed by the stream key.</summary>
    public IEnumerable<(GrainId Consumer, Guid SubscriptionId)> SubscribersOf(string providerName, StreamId streamId)
    {
        if (!_byNamespace.TryGetValue(streamId.Namespace, out var grainTypes))
        {
            yield break;
        }

        foreach (var grainType in grainTypes)
        {
            yield return (new GrainId(grainType, streamId.Key), StreamKeys.ImplicitSubscription(grainType, providerName, streamId));
        }
    }
}
