namespace OrleansRealtime.Client.Runtime;

/// <summary>Maps a grain interface to the grain type that implements it (the cluster's manifest).</summary>
public interface IGrainTypeResolver
{
    /// <summary>
    /// Returns the grain type name. With several implementations, <paramref name="grainClassNamePrefix"/>
    /// (a full or partial class name) picks one. Throws <see cref="Abstractions.Exceptions.GrainTypeNotRegisteredException"/>
    /// when none (or more than one) matches.
    /// </summary>
    string ResolveGrainType(Type interfaceType, string? grainClassNamePrefix);
}
