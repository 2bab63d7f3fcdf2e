using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> Ping();

    Task DeactivateSoon();

    Task Delay(TimeSpan keepAlive);
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task<int> Ping();
}
