using System.Reflection;
using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Placement;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Catalog;

/// <summary>What the silo knows about one grain class, computed once at start.</summary>
public sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        GrainType = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(grainClass);
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>()?.AgeLimit;
        ImplicitStreamNamespaces = [.. grainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.Namespace)];
        Placement = grainClass.GetCustomAttribute<PlacementAttribute>(inherit: true)?.Strategy;
        GrainInterfaces = [.. grainClass.GetInterfaces().Where(i => typeof(IAddressable).IsAssignableFrom(i) && i != typeof(IAddressable))];
    }

    public Type GrainClass { get; }

    /// <summary>The stable type name that goes into grain ids.</summary>
    public string GrainType { get; }

    public bool IsReentrant { get; }

    /// <summary>The class's own idle collection age, from <see cref="CollectionAgeLimitAttribute"/>.</summary>
    public TimeSpan? CollectionAge { get; }

    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    public IReadOnlyList<Type> GrainInterfaces { get; }

    /// <summary>The class's placement strategy from its <see cref="PlacementAttribute"/>, or null for the configured default.</summary>
    public string? Placement { get; }

    private static string DefaultTypeName(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
