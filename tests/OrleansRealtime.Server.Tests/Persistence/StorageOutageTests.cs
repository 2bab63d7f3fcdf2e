using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Persistence;

public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly FlakyGrainStorage _storage = new(new MemoryGrainStorage());
    private readonly InProcessTestCluster _cluster;

    public StorageOutageTests() =>
        _cluster = TestClusters.Builder()
            .ConfigureSilo(silo => silo.Services.AddKeyedSingleton<IGrainStorage>("Default", _storage))
            .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task WriteDuringOutage_FailsAtCaller_AndWorksAgainOnceStorageIsBack()
    {
        var grain = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        Assert.Equal(1, await grain.Increment().WithTimeout());

        _storage.Unreachable = true;
        await Assert.ThrowsAsync<GrainStorageException>(() => grain.Increment()).WithTimeout();

        _storage.Unreachable = false;
        // The failed write changed nothing in storage, and the etag still matches: the grain goes on.
        Assert.Equal(3, await grain.Increment().WithTimeout());
    }

    [Fact]
    public async Task ActivationDuringOutage_FailsAtCaller_AndTheNextCallActivates()
    {
        var grain = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());

        _storage.Unreachable = true;
        await Assert.ThrowsAsync<GrainStorageException>(() => grain.Get()).WithTimeout();

        _storage.Unreachable = false;
        Assert.Equal(1, await grain.Increment().WithTimeout());
    }
}
