using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Observers;
using OrleansRealtime.Server.Tests.Persistence;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Review2;

public sealed class ExceptionCodecReview2Tests
{
    [Fact]
    public void Copy_OfExceptionWhoseStringConstructorThrows_DoesNotThrow()
    {
        var copy = ExceptionCodec.Copy(new Review2PickyException(7));

        Assert.Contains("code 7", copy.Message);
    }

    [Fact]
    public async Task GrainThrowingExceptionWhoseStringConstructorThrows_FailsTheCall_InsteadOfHanging()
    {
        // Fake time: the response timeout never fires, so a lost response would hang forever.
        await using var cluster = TestClusters.Builder().UseTimeProvider(new FakeTimeProvider()).Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IReview2ThrowingGrain>(TestSupport.NewKey());

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => grain.ThrowPicky().WithTimeout());

        Assert.IsNotType<TimeoutException>(ex);
        Assert.Contains("code 42", ex.Message);
    }

    [Theory]
    [MemberData(nameof(ArgumentExceptions))]
    public void Copy_OfArgumentExceptionSubclass_KeepsTheMessage(Exception original)
    {
        var copy = ExceptionCodec.Copy(original);

        Assert.IsType(original.GetType(), copy);
        Assert.Equal(original.Message, copy.Message);
    }

    public static TheoryData<Exception> ArgumentExceptions() =>
    [
        new ArgumentException("bad value", "value"),
        new ArgumentOutOfRangeException("period", "Period is below the minimum."),
        new ArgumentNullException("name", "Name is required."),
    ];

    [Fact]
    public async Task ArgumentOutOfRange_FromAGrain_ReachesTheCallerWithItsMessage()
    {
        await using var cluster = TestClusters.Builder().Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IReview2ThrowingGrain>(TestSupport.NewKey());

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.ThrowOutOfRange()).WithTimeout();

        Assert.Equal(new ArgumentOutOfRangeException("period", "Period is below the minimum.").Message, ex.Message);
    }
}

public sealed class ObserverManagerReview2Tests
{
    public interface IReview2Observer
    {
        Task Notify();
    }

    private sealed class Observer(Func<Task> notify) : IReview2Observer
    {
        public Task Notify() => notify();
    }

    [Fact]
    public async Task ObserverResubscribedDuringAFailingNotification_IsKept()
    {
        var manager = new ObserverManager<string, IReview2Observer>(TimeSpan.FromMinutes(1), new FakeTimeProvider(), NullLogger.Instance);
        var oldCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        manager.Subscribe("client", new Observer(() => oldCall.Task));

        // A reentrant grain: the notification awaits the old (dead) reference while the client re-subscribes.
        var notify = manager.Notify(o => o.Notify());
        var fresh = new Observer(() => Task.CompletedTask);
        manager.Subscribe("client", fresh);
        oldCall.SetException(new ClientNotAvailableException("old reference is gone"));
        await notify.WithTimeout();

        Assert.Same(fresh, Assert.Single(manager));
    }
}

public sealed class StreamRendezvousStorageReview2Tests : IAsyncLifetime
{
    private readonly FlakyGrainStorage _storage = new(new MemoryGrainStorage());
    private readonly InProcessTestCluster _cluster;

    public StreamRendezvousStorageReview2Tests() =>
        _cluster = TestClusters.Builder()
            .ConfigureSilo(silo => silo.Services.AddKeyedSingleton<IGrainStorage>("PubSubStore", _storage))
            .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    private IStreamRendezvousGrain Rendezvous(out StreamId streamId)
    {
        streamId = StreamId.Create("review2", TestSupport.NewKey());
        return _cluster.GrainFactory.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous("sms", streamId));
    }

    [Fact]
    public async Task RegisterThatFailedToPersist_LeavesNoSubscription()
    {
        var rendezvous = Rendezvous(out _);
        var consumer = new GrainId("review2.consumer", TestSupport.NewKey());
        await rendezvous.GetPositionAsync().WithTimeout(); // activate while storage is up

        _storage.Unreachable = true;
        await Assert.ThrowsAsync<GrainStorageException>(() => rendezvous.RegisterAsync(new StreamSubscriptionRecord(Guid.NewGuid(), consumer, null))).WithTimeout();
        _storage.Unreachable = false;

        // The caller was told the subscription failed; it must not exist (and be persisted by the next write).
        Assert.Empty(await rendezvous.GetSubscriptionsAsync(consumer).WithTimeout());
    }

    [Fact]
    public async Task UnregisterThatFailedToPersist_KeepsTheSubscription()
    {
        var rendezvous = Rendezvous(out _);
        var consumer = new GrainId("review2.consumer", TestSupport.NewKey());
        var id = Guid.NewGuid();
        await rendezvous.RegisterAsync(new StreamSubscriptionRecord(id, consumer, null)).WithTimeout();

        _storage.Unreachable = true;
        await Assert.ThrowsAsync<GrainStorageException>(() => rendezvous.UnregisterAsync(id)).WithTimeout();
        _storage.Unreachable = false;

        Assert.Equal([id], await rendezvous.GetSubscriptionsAsync(consumer).WithTimeout());
    }

    [Fact]
    public async Task Publish_WhenDroppingAGoneClientCannotBePersisted_StillSucceeds()
    {
        var rendezvous = Rendezvous(out var streamId);
        var received = Channel.CreateUnbounded<int>();
        await _cluster.Client.GetStreamProvider("sms").GetStream<int>(streamId)
            .SubscribeAsync((item, _) => received.Writer.WriteAsync(item).AsTask()).WithTimeout();
        var deadClient = new GrainId("sys.observer", "client-gone/review2");
        await rendezvous.RegisterAsync(new StreamSubscriptionRecord(Guid.NewGuid(), deadClient, TimeSpan.FromMinutes(10))).WithTimeout();

        _storage.Unreachable = true;
        // The live subscriber gets the item; the publisher must not be told it failed (a retry would duplicate it).
        var publish = rendezvous.PublishAsync(new StreamPublication([.. "1"u8]));
        Assert.Equal(1, await received.Reader.ReadAsync().AsTask().WithTimeout());
        var token = await publish.WithTimeout();

        Assert.Equal(1, token.Sequence);
    }
}

public sealed class ClientLeaseRenewalReview2Tests
{
    [Fact]
    public async Task RenewingLeases_WhileTheSiloIsDown_LogsAndRetries_InsteadOfThrowing()
    {
        await using var cluster = TestClusters.Builder().UseTimeProvider(new FakeTimeProvider()).Build();
        await cluster.DeployAsync();
        await cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("review2", TestSupport.NewKey()))
            .SubscribeAsync((_, _) => Task.CompletedTask).WithTimeout();

        await cluster.StopSiloAsync();

        // The background renewal runs this same code fire-and-forget; a throw there is an unobserved task exception
        // and skips the remaining subscriptions of that round.
        await ((OrleansRealtime.Client.Hosting.ClusterClient)cluster.Client).RenewStreamLeasesAsync().WithTimeout();
    }
}

public sealed class OptionsReview2Tests
{
    [Fact]
    public async Task NegativeClassSpecificCollectionAge_FailsTheStart()
    {
        await using var cluster = TestClusters.Builder()
            .WithSetting("Realtime:GrainCollection:ClassSpecificCollectionAge:review2.throwing", "-00:00:01")
            .Build();

        var ex = await Record.ExceptionAsync(() => cluster.DeployAsync().WithTimeout());
        if (ex is null)
        {
            // The value was bound (so it is in effect), just never validated.
            var bound = cluster.SiloServices.GetRequiredService<IOptions<OrleansRealtime.Server.Catalog.GrainCollectionOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(-1), bound.ClassSpecificCollectionAge["review2.throwing"]);
        }

        var failure = Assert.IsType<OptionsValidationException>(ex);
        Assert.Contains("ClassSpecificCollectionAge", failure.Message);
    }
}
