using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

/// <summary>A grain interface no class implements.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Ping();
}
