namespace OrleansRealtime.Server.Catalog;

/// <summary>Idle collection and activation lifecycle, bound from <c>Realtime:GrainCollection</c>. Defaults are Orleans'.</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "Realtime:GrainCollection";

    /// <summary>An activation idle this long is deactivated (Orleans: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations (Orleans: 1 minute).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per grain class overrides, keyed by full class name or grain type; <c>[CollectionAgeLimit]</c> wins over the default too.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>How long <c>OnActivateAsync</c> may run before its cancellation token fires.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>OnDeactivateAsync</c> may run before its cancellation token fires.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping silo waits for all activations to deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AgeFor(GrainClassInfo info) =>
        ClassSpecificCollectionAge.TryGetValue(info.GrainClass.FullName ?? info.GrainClass.Name, out var byName) ? byName
        : ClassSpecificCollectionAge.TryGetValue(info.GrainType, out var byType) ? byType
        : info.CollectionAge ?? CollectionAge;
}
