using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>Writes a <see cref="GrainId"/> as its "type/key" string.</summary>
public sealed class GrainIdJsonConverter : JsonConverter<GrainId>
{
    public override GrainId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        GrainId.Parse(reader.GetString() ?? throw new JsonException("A grain id must be a string."));

    public override void Write(Utf8JsonWriter writer, GrainId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
