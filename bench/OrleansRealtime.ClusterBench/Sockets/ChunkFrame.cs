using System.Buffers.Text;
using System.Text.Json;
using OrleansRealtime.ClusterBench.Grains;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// Reads a bench event out of a <c>/ws</c> text frame (docs/protocol.md, "The envelope"):
/// <c>{"type":"ai_chat_response_chunk","data":{"conversation_id":"bench","message_id":run,"chunk":stamp,"chunk_index":sequence,…},…}</c>.
/// A forward-only reader over the frame's bytes, so the receiving side allocates nothing per event and adds little
/// to what the table reports for the whole process.
/// </summary>
internal static class ChunkFrame
{
    /// <summary>False for every other frame (connection messages, presence updates, chunks of other conversations) and for malformed ones.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out int run, out long stamp, out int sequence)
    {
        try
        {
            return TryReadCore(frame, out run, out stamp, out sequence);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not a frame of the bench; the receive loop must go on reading.
            run = 0;
            stamp = 0;
            sequence = 0;
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> frame, out int run, out long stamp, out int sequence)
    {
        run = 0;
        stamp = 0;
        sequence = 0;
        bool isChunk = false, bench = false, hasRun = false, hasStamp = false, hasSequence = false;
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isChunk = reader.TokenType == JsonTokenType.String &&
                    (reader.ValueTextEquals(UserEventPublisherGrain.EventType) || reader.ValueTextEquals(UserEventPublisherGrain.ReplayableEventType));
                if (!isChunk)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("conversation_id"u8))
                    {
                        reader.Read();
                        bench = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(UserEventPublisherGrain.ConversationId);
                    }
                    else if (reader.ValueTextEquals("message_id"u8))
                    {
                        reader.Read();
                        hasRun = reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out run, out _);
                    }
                    else if (reader.ValueTextEquals("chunk"u8))
                    {
                        reader.Read();
                        hasStamp = reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out stamp, out _);
                    }
                    else if (reader.ValueTextEquals("chunk_index"u8))
                    {
                        reader.Read();
                        hasSequence = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out sequence);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return isChunk && bench && hasRun && hasStamp && hasSequence;
    }
}
