using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.GrainInterfaces.Streams;

/// <summary>
/// Where events flow. Every user has one stream, <c>user/{userId}</c>, carrying <c>Envelope</c>s in one
/// order (one rendezvous activation stamps <c>seq</c> and <c>epoch</c>). Broadcasts (system notices,
/// maintenance) go to the single stream <c>broadcast/all</c>, which every gateway subscribes to and fans
/// out to its sockets.
/// </summary>
public static class UserStreams
{
    /// <summary>The stream provider name grains publish with and gateways subscribe with.</summary>
    public const string ProviderName = "events";

    public const string UserNamespace = "user";

    public const string BroadcastNamespace = "broadcast";

    public const string BroadcastKey = "all";

    public static StreamId ForUser(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return StreamId.Create(UserNamespace, userId);
    }

    public static StreamId Broadcast { get; } = StreamId.Create(BroadcastNamespace, BroadcastKey);
}
