using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Api.Publishing;

/// <summary>What a publishing endpoint put on the stream: the envelope's id (clients de-duplicate on it), type, action and timestamp.</summary>
public sealed record PublishedEvent(string Id, string Type, string? Action, DateTimeOffset Timestamp)
{
    public static PublishedEvent From(Envelope envelope) => new(envelope.Id, envelope.Type, envelope.Action, envelope.Timestamp);
}
