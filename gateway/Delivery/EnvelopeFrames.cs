using System.Buffers;
using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// The JSON text frames of the raw WebSocket endpoints: <c>{type, action?, data, timestamp, id?, seq?, epoch?}</c>
/// (documents 002 and 003). Stream events carry <c>seq</c> and <c>epoch</c>; broadcasts and connection-level
/// messages do not.
/// </summary>
internal static class EnvelopeFrames
{
    private const int MaxRetainedBytes = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Stream(Envelope envelope, StreamSequenceToken? token) =>
        Write(envelope.Type, envelope.Action, envelope.Data, envelope.Timestamp, envelope.Id, token);

    /// <summary>A connection-level message (<c>pong</c>, <c>error</c>, <c>subscribed</c>…) built from its catalog contract.</summary>
    public static byte[] Control(object data, DateTimeOffset timestamp, string? id = null)
    {
        var type = EventCatalog.ForContract(data.GetType()).Type;
        return Write(type, null, JsonSerializer.SerializeToElement(data, data.GetType(), EventJson.Options), timestamp, id, null);
    }

    // One growable buffer and writer per thread, reset for each frame: a frame then costs its own array only, not the
    // doublings of a fresh 256-byte buffer and a writer each time (they were 7% of a socket delivery's allocations).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static byte[] Write(string type, string? action, JsonElement data, DateTimeOffset timestamp, string? id, StreamSequenceToken? token)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);

        // Reset first, so a frame that threw half-way on this thread leaves nothing behind for this one.
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (action is not null)
            {
                writer.WriteString("action", action);
            }

            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WritePropertyName("timestamp");
            JsonSerializer.Serialize(writer, timestamp, EventJson.Options);
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            if (token is not null)
            {
                writer.WriteNumber("seq", token.Sequence);
                writer.WriteNumber("epoch", token.Epoch);
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // A rare huge frame should not keep its buffer on the thread for good.
            if (buffer.Capacity > MaxRetainedBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
