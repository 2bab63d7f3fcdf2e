using System.Text.Json.Nodes;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>One JSON example taken from a protocol document: the event type it shows and its data object.</summary>
/// <param name="Document">The document's file name.</param>
/// <param name="Type">The envelope type, or for document 001 the Socket.IO event name.</param>
/// <param name="IsSocketIo">True when the example is a bare Socket.IO payload (document 001) rather than an envelope.</param>
/// <param name="Data">The example's <c>data</c> (or the whole Socket.IO payload).</param>
/// <param name="Envelope">The whole example object when it is an envelope.</param>
public sealed record DocumentExample(string Document, string Type, bool IsSocketIo, JsonNode? Data, JsonObject? Envelope)
{
    public override string ToString() => $"{Document}: {Type}";
}
