using System.Globalization;
using System.Text.Json;
using OrleansRealtime.Abstractions.Placement;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Publishing;

namespace OrleansRealtime.ClusterBench.Grains;

/// <summary>
/// Publishes through the domain grains' own base (<see cref="PublishingGrain"/>), so the publish takes their path.
/// The event is a real contract record of an ephemeral type: the bench cluster has no stream log, and an ephemeral
/// envelope is the kind that never asks for one; or (<c>--replayable</c>) the same fields in a replayable envelope,
/// which the stream keeps in its history. Placed on the silo that first calls it, so the bench picks the silo.
/// </summary>
[PreferLocalPlacement]
public sealed class UserEventPublisherGrain(TimeProvider time) : PublishingGrain(time), IUserEventPublisherGrain
{
    public const string EventType = "ai_chat_response_chunk";

    /// <summary>Not in the event catalog, so replayable: the stream keeps it (the bench cluster has no log to append it to).</summary>
    public const string ReplayableEventType = "bench_event";

    public const string ConversationId = "bench";

    public Task Publish(int run, long stamp, int sequence) =>
        PublishToUserAsync(GrainId.Key, new AiChatResponseChunkData(
            ConversationId,
            run.ToString(CultureInfo.InvariantCulture),
            stamp.ToString(CultureInfo.InvariantCulture),
            IsFinal: false,
            sequence));

    public Task PublishReplayable(int run, long stamp, int sequence) =>
        PublishToUserAsync(GrainId.Key, Envelope.Custom(
            ReplayableEventType,
            action: null,
            JsonSerializer.SerializeToElement(new AiChatResponseChunkData(
                ConversationId,
                run.ToString(CultureInfo.InvariantCulture),
                stamp.ToString(CultureInfo.InvariantCulture),
                IsFinal: false,
                sequence), EventJson.Options),
            Now));
}
