using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Publishing;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Publishing;

/// <summary>
/// A committed change whose durable event the stream cannot take right away (its rendezvous moving after a silo
/// failure, the log unreachable): the call succeeds, and the event follows, in order, once the stream is back.
/// </summary>
public sealed class PublishingOutboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly SwitchableStreamLog _log = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await DomainCluster.StartAsync(_time, b => b.ConfigureSilo(s => s.Services.AddSingleton<IStreamLog>(_log)));

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Deposits_DuringAStreamOutage_Succeed_AndTheirEventsArriveInOrder_OnceTheStreamIsBack()
    {
        var userId = $"outbox-{Guid.NewGuid():N}";
        var user = _cluster.Client.GetGrain<IUserGrain>(userId);
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, userId);
        await user.DepositAsync(1).WithTimeout();
        await probe.WaitForAsync("balance:update", e => e.DataAs<BalanceUpdateData>().Balance == 1);

        _log.Failing = true;
        Assert.Equal(2, (await user.DepositAsync(1).WithTimeout()).BalanceAfter);
        Assert.Equal(3, (await user.DepositAsync(1).WithTimeout()).BalanceAfter);
        Assert.Equal(3, await user.GetBalanceAsync().WithTimeout());

        // Still down at the first retry: nothing arrives, nothing is lost.
        _time.Advance(PublishingGrain.RetryPeriod);
        await user.GetBalanceAsync().WithTimeout(); // a turn after the retry's
        Assert.Single(probe.OfType("balance:update"));

        _log.Failing = false;
        _time.Advance(PublishingGrain.RetryPeriod);
        await probe.WaitForAsync("balance:update", e => e.DataAs<BalanceUpdateData>().Balance == 3);

        // A later change queues behind nothing now and is published at once.
        await user.DepositAsync(1).WithTimeout();
        await probe.WaitForAsync("balance:update", e => e.DataAs<BalanceUpdateData>().Balance == 4);
        Assert.Equal([1L, 2L, 3L, 4L], probe.OfType("balance:update").Select(e => e.DataAs<BalanceUpdateData>().Balance));
    }
}
