using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.ClusterBench.Grains;

/// <summary>Publishes product envelopes on the user stream of its key (<c>events</c>, <c>user/{key}</c>), as the domain grains do.</summary>
public interface IUserEventPublisherGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes one ephemeral <c>ai_chat_response_chunk</c> whose <c>message_id</c> is <paramref name="run"/>, whose
    /// <c>chunk</c> is <paramref name="stamp"/> (a <c>Stopwatch</c> timestamp of this process) and whose
    /// <c>chunk_index</c> is <paramref name="sequence"/>, so a socket client measures publish-to-socket.
    /// </summary>
    Task Publish(int run, long stamp, int sequence);

    /// <summary>
    /// The same fields in an envelope of <see cref="UserEventPublisherGrain.ReplayableEventType"/>, a type outside the
    /// catalog: replayable, so the stream keeps it in its history and remembers its id, as it does a durable event.
    /// </summary>
    Task PublishReplayable(int run, long stamp, int sequence);
}
