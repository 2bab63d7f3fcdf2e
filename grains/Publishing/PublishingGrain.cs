using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Grains.Publishing;

/// <summary>
/// Base of the domain grains: publishes envelopes to a user's stream or to the broadcast stream. Publish
/// only after the state change is persisted, and await it, so a caller that sees the call complete knows
/// the event is in the stream's order. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public abstract class PublishingGrain(TimeProvider time) : Grain
{
    protected TimeProvider Time { get; } = time;

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected Task PublishToUserAsync(string userId, Envelope envelope) =>
        GetStreamProvider(UserStreams.ProviderName).GetStream<Envelope>(UserStreams.ForUser(userId)).OnNextAsync(envelope);

    protected Task PublishToUserAsync<T>(string userId, T data, string? action = null, string? id = null, string? excludeSessionId = null)
        where T : notnull =>
        PublishToUserAsync(userId, Envelope.Create(data, Now, action, id, excludeSessionId));

    protected Task BroadcastAsync(Envelope envelope) =>
        GetStreamProvider(UserStreams.ProviderName).GetStream<Envelope>(UserStreams.Broadcast).OnNextAsync(envelope);

    protected Task BroadcastAsync<T>(T data, string? action = null)
        where T : notnull =>
        BroadcastAsync(Envelope.Create(data, Now, action));
}
