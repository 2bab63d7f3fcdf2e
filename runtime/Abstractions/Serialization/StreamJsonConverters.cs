using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// <see cref="StreamId"/> as the same object the default contract writes (<c>{"namespace":…,"key":…}</c>), by hand.
/// Every stream delivery carries one; as a nested object of the default contract it cost the serializer a stack frame
/// push (a new frame array of about 1 KB per read or write) — by hand it is a value, read and written in place.
/// Reads follow the serializer's contract: names case-insensitive, unknown members skipped, missing ones default.
/// </summary>
internal sealed class StreamIdJsonConverter : JsonConverter<StreamId>
{
    public override StreamId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectObject(ref reader, nameof(StreamId));
        string? streamNamespace = null;
        string? key = null;
        while (NextProperty(ref reader))
        {
            int which = Match(ref reader, "namespace"u8, "key"u8);
            if (which == 0)
            {
                reader.Read();
                streamNamespace = reader.GetString();
            }
            else if (which == 1)
            {
                reader.Read();
                key = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new StreamId(streamNamespace!, key!);
    }

    public override void Write(Utf8JsonWriter writer, StreamId value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("namespace"u8, value.Namespace);
        writer.WriteString("key"u8, value.Key);
        writer.WriteEndObject();
    }

    internal static void ExpectObject(ref Utf8JsonReader reader, string type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A {type} must be a JSON object, not {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    internal static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            return true;
        }

        return reader.TokenType == JsonTokenType.EndObject ? false : throw new JsonException($"Unexpected {reader.TokenType} in an object.");
    }

    /// <summary>
    /// 0 or 1 when the current property name is <paramref name="first"/> or <paramref name="second"/>, compared as the
    /// serializer does (case-insensitively; the exact camelCase form, the one written, needs no string); -1 otherwise.
    /// </summary>
    internal static int Match(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (reader.ValueTextEquals(first))
        {
            return 0;
        }

        if (reader.ValueTextEquals(second))
        {
            return 1;
        }

        string name = reader.GetString()!;
        return name.Equals(System.Text.Encoding.UTF8.GetString(first), StringComparison.OrdinalIgnoreCase) ? 0
            : name.Equals(System.Text.Encoding.UTF8.GetString(second), StringComparison.OrdinalIgnoreCase) ? 1 : -1;
    }
}

/// <summary><see cref="StreamSequenceToken"/> (<c>{"sequence":…,"epoch":…}</c>) by hand, for the reason given on <see cref="StreamIdJsonConverter"/>.</summary>
internal sealed class StreamSequenceTokenJsonConverter : JsonConverter<StreamSequenceToken>
{
    public override StreamSequenceToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        StreamIdJsonConverter.ExpectObject(ref reader, nameof(StreamSequenceToken));
        long sequence = 0;
        long epoch = 0;
        while (StreamIdJsonConverter.NextProperty(ref reader))
        {
            int which = StreamIdJsonConverter.Match(ref reader, "sequence"u8, "epoch"u8);
            if (which == 0)
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
            else if (which == 1)
            {
                reader.Read();
                epoch = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new StreamSequenceToken(sequence, epoch);
    }

    public override void Write(Utf8JsonWriter writer, StreamSequenceToken value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence"u8, value.Sequence);
        writer.WriteNumber("epoch"u8, value.Epoch);
        writer.WriteEndObject();
    }
}
