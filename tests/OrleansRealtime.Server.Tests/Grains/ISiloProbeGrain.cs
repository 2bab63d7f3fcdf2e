using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

/// <summary>A persistent counter that says which silo runs it; for cluster tests.</summary>
public interface ISiloProbeGrain : IGrainWithStringKey
{
    /// <summary>The hosting silo's <c>address:port@generation</c>.</summary>
    Task<string> WhereAreYou();

    /// <summary>Adds one and writes the state before returning the new value.</summary>
    Task<int> Add();

    Task<int> Get();

    /// <summary>Signals "probe-entered:{key}" and waits for "probe-release:{key}" (a call that stays in flight).</summary>
    Task Park();
}

/// <summary>A probe placed on the calling silo (prefer-local placement).</summary>
public interface ILocalProbeGrain : IGrainWithStringKey
{
    Task<string> WhereAreYou();

    Task<int> Add();
}
