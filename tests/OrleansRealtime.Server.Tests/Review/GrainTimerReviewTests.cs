using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Review;

/// <summary>Review findings about GrainTimer.</summary>
public sealed class GrainTimerReviewTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public GrainTimerReviewTests() => _cluster = TestClusters.Builder().UseTimeProvider(_time).Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Change_CalledFromInsideTheCallback_ReArmsAOneShotTimer()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReviewTimerGrain>(key);
        await grain.StartOneShot(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(1));
        await Signals.Wait($"review-tick:{key}:1");
        Assert.Equal(1, await grain.Ticks().WithTimeout()); // the tick's turn has ended

        // The second tick is queued synchronously by Advance, so the next call runs after it.
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await grain.Ticks().WithTimeout());
    }
}
