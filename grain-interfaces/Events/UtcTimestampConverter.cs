using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>Writes timestamps the way the documents show them (<c>2023-10-27T10:00:00.000Z</c>): UTC, milliseconds, <c>Z</c>.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    // Every envelope has a timestamp: formatted on the stack, not into a string per envelope.
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[32];
        if (!value.UtcDateTime.TryFormat(text, out var length, Format, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"The timestamp {value:O} does not fit the envelope's format.");
        }

        writer.WriteStringValue(text[..length]);
    }
}
