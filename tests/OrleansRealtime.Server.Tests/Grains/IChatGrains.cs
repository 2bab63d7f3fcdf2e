using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task ReceiveMessage(string message);
}

public interface IChatRoomGrain : IGrainWithStringKey
{
    Task Join(IChatObserver observer);

    /// <summary>Notifies every live observer; returns how many remain subscribed afterwards.</summary>
    Task<int> Say(string message);

    Task<int> Count();
}
