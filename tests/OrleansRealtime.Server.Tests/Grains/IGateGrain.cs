using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

/// <summary>Calls that park on a test-controlled gate, to observe interleaving.</summary>
public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Signals "entered:{callId}", waits for "release:{callId}", returns the peak number of calls in flight.</summary>
    Task<int> Run(string callId);

    [ReadOnly]
    Task<int> RunReadOnly(string callId);

    [AlwaysInterleave]
    Task<int> GetInFlight();
}
