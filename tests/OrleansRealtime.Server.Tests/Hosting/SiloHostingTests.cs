using Microsoft.Extensions.Options;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Hosting;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task InvalidOptions_FailTheStart_NamingThePropertyAndValue()
    {
        await using var cluster = TestClusters.Builder()
            .WithSetting("Realtime:GrainCollection:CollectionQuantum", "-00:00:01")
            .Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync()).WithTimeout();
        Assert.Contains("CollectionQuantum", ex.Message);
        Assert.Contains("-00:00:01", ex.Message);
    }

    [Fact]
    public async Task GracefulStop_DeactivatesEveryActivation()
    {
        await using var cluster = TestClusters.Builder().Build();
        await cluster.DeployAsync().WithTimeout();
        var keys = Enumerable.Range(0, 5).Select(_ => TestSupport.NewKey()).ToArray();
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<ICounterGrain>(key).Increment().WithTimeout();
        }

        await cluster.StopSiloAsync().WithTimeout();

        foreach (var key in keys)
        {
            Assert.Equal(1, Counters.Get($"deactivate:test.counter/{key}"));
        }
    }

    [Fact]
    public async Task CallsWhileSiloIsDown_FailWithSiloUnavailable_AndWorkAfterRestart()
    {
        await using var cluster = TestClusters.Builder().Build();
        await cluster.DeployAsync().WithTimeout();
        var grain = cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        await grain.Increment().WithTimeout();

        await cluster.StopSiloAsync().WithTimeout();
        await Assert.ThrowsAsync<OrleansRealtime.Abstractions.Exceptions.SiloUnavailableException>(() => grain.Get()).WithTimeout();

        await cluster.StartSiloAsync().WithTimeout();
        Assert.Equal(2, await grain.Increment().WithTimeout());
    }
}
