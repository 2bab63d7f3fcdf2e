namespace OrleansRealtime.Server.Catalog;

/// <summary>The grain classes this silo hosts; filled by <c>AddGrain</c> / <c>AddGrainsFromAssembly</c>.</summary>
public sealed class GrainTypeOptions
{
    public HashSet<Type> Classes { get; } = [];
}
