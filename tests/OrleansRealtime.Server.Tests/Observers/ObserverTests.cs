using System.Threading.Channels;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Observers;

public sealed class ObserverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public ObserverTests() => _cluster = TestClusters.Builder().UseTimeProvider(_time).Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task GrainCallsClientObserver_InOrder()
    {
        var observer = new ChannelObserver();
        var room = _cluster.Client.GetGrain<IChatRoomGrain>(TestSupport.NewKey());
        await room.Join(_cluster.Client.CreateObjectReference<IChatObserver>(observer)).WithTimeout();

        for (int i = 0; i < 20; i++)
        {
            await room.Say($"m{i}").WithTimeout();
        }

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal($"m{i}", await observer.Messages.Reader.ReadAsync().AsTask().WithTimeout());
        }
    }

    [Fact]
    public async Task DeletedObserver_IsRemovedAtTheNextNotification()
    {
        var observer = new ChannelObserver();
        var room = _cluster.Client.GetGrain<IChatRoomGrain>(TestSupport.NewKey());
        await room.Join(_cluster.Client.CreateObjectReference<IChatObserver>(observer)).WithTimeout();

        _cluster.Client.DeleteObjectReference<IChatObserver>(observer);

        Assert.Equal(0, await room.Say("anyone?").WithTimeout());
    }

    [Fact]
    public async Task ObserverNotRenewed_ExpiresAndIsNotCalled()
    {
        var observer = new ChannelObserver();
        var room = _cluster.Client.GetGrain<IChatRoomGrain>(TestSupport.NewKey());
        await room.Join(_cluster.Client.CreateObjectReference<IChatObserver>(observer)).WithTimeout();

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(0, await room.Say("late").WithTimeout());
        Assert.False(observer.Messages.Reader.TryRead(out _));
    }

    [Fact]
    public async Task LocalObjectPassedWithoutReference_IsRefused()
    {
        var room = _cluster.Client.GetGrain<IChatRoomGrain>(TestSupport.NewKey());

        await Assert.ThrowsAsync<OrleansRealtime.Abstractions.Exceptions.GrainSerializationException>(() => room.Join(new ChannelObserver())).WithTimeout();
    }

    private sealed class ChannelObserver : IChatObserver
    {
        public Channel<string> Messages { get; } = Channel.CreateUnbounded<string>();

        public Task ReceiveMessage(string message) => Messages.Writer.WriteAsync(message).AsTask();
    }
}
