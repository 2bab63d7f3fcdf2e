using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// Serializes grain and observer references as <c>{"id":"type/key","interface":"Full.Name"}</c> and turns
/// them back into references bound to the deserializing runtime, so references can travel in calls and
/// live in grain state. A plain local object passed where a reference is expected is refused: it must be
/// wrapped with <c>CreateObjectReference</c> first.
/// </summary>
public sealed class GrainReferenceJsonConverterFactory(IGrainReferenceFactory references) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeof(IAddressable).IsAssignableFrom(typeToConvert)
        && (typeToConvert.IsInterface || typeof(GrainReference).IsAssignableFrom(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), references)!;

    private sealed class Converter<T>(IGrainReferenceFactory references) : JsonConverter<T>
        where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            string? id = null;
            string? interfaceName = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A grain reference must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "id": id = reader.GetString(); break;
                    case "interface": interfaceName = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }

            if (id is null)
            {
                throw new JsonException("A grain reference needs an 'id'.");
            }

            var interfaceType = interfaceName is not null && GrainInterfaceRegistry.TryGetInterface(interfaceName, out var named)
                ? named
                : typeToConvert;
            if (!interfaceType.IsInterface)
            {
                throw new JsonException($"Cannot tell the interface of grain reference '{id}'.");
            }

            return references.CreateReference(GrainId.Parse(id), interfaceType) as T
                ?? throw new JsonException($"Grain reference '{id}' ({interfaceType.Name}) is not a {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException($"A {value.GetType().Name} is a local object, not a grain reference; pass a reference from CreateObjectReference instead.");
            }

            writer.WriteStartObject();
            writer.WriteString("id", reference.GrainId.ToString());
            writer.WriteString("interface", reference.InterfaceType.FullName);
            writer.WriteEndObject();
        }
    }
}
