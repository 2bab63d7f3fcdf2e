using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Observers;

namespace OrleansRealtime.Server.Tests.Grains;

[GrainType("test.chatroom")]
public sealed class ChatRoomGrain(TimeProvider time, ILogger<ChatRoomGrain> logger) : Grain, IChatRoomGrain
{
    private readonly ObserverManager<GrainId, IChatObserver> _observers = new(TimeSpan.FromMinutes(5), time, logger);

    public Task Join(IChatObserver observer)
    {
        _observers.Subscribe(observer.GetGrainId(), observer);
        return Task.CompletedTask;
    }

    public async Task<int> Say(string message)
    {
        await _observers.Notify(o => o.ReceiveMessage(message));
        return _observers.Count;
    }

    public Task<int> Count() => Task.FromResult(_observers.Count);
}
