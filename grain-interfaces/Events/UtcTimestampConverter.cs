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

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
