using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// A message sink that, for some targets, writes every message to a connection: its <see cref="IMessageSink.Send"/>
/// serializes the arguments before it returns (or fails the response with <c>GrainSerializationException</c>).
/// Serializing to the wire already is the copy across the boundary, so <see cref="GrainCallInvoker"/> does not copy
/// the arguments of such calls first (they were serialized twice before).
/// </summary>
public interface IWireMessageSink : IMessageSink
{
    /// <summary>True when a message to <paramref name="target"/> is serialized by <see cref="IMessageSink.Send"/>, on the caller's thread.</summary>
    bool SerializesArguments(GrainId target);
}
