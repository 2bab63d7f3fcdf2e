using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// The runtime's one serialization format: System.Text.Json with camelCase names, case-insensitive reads,
/// public properties and fields, and unknown members skipped, so a type may gain fields without breaking stored state or older peers.
/// Grain ids are strings; grain references are objects bound to this runtime on read.
/// Every copy across the grain call boundary goes through here. Failures become
/// <see cref="GrainSerializationException"/> naming what could not be serialized.
/// </summary>
public sealed class RealtimeSerializer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public RealtimeSerializer(IGrainReferenceFactory references)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,

            // State and argument types may use public fields (Orleans serializes them); leaving them out
            // would drop data silently.
            IncludeFields = true,
        };
        Options.Converters.Add(new GrainIdJsonConverter());
        Options.Converters.Add(new StreamIdJsonConverter());
        Options.Converters.Add(new StreamSequenceTokenJsonConverter());
        Options.Converters.Add(new GrainReferenceJsonConverterFactory(references));
        Options.Converters.Add(new JsonStringEnumConverter());
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    public JsonSerializerOptions Options { get; }

    public byte[] Serialize<T>(T value, string what) => Serialize(value, what, null);

    /// <summary>
    /// As <see cref="Serialize{T}(T, string)"/>, the error naming the value "<paramref name="what"/> <paramref name="of"/>":
    /// the name is formatted only when serialization fails, so a hot path (a stream's every item) builds no string.
    /// </summary>
    public byte[] Serialize<T>(T value, string what, object? of)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, Options);
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"{Name(what, of)} of type {typeof(T).Name} cannot be serialized: {ex.Message}", ex);
        }
    }

    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json, string what) => Deserialize<T>(utf8Json, what, null);

    /// <summary>As <see cref="Deserialize{T}(ReadOnlySpan{byte}, string)"/>, with the value's name formatted only on failure.</summary>
    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json, string what, object? of)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8Json, Options)!;
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"{Name(what, of)} cannot be read as {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private static string Name(string what, object? of) => of is null ? what : $"{what} {of}";

    /// <summary>A deep copy through the wire format.</summary>
    public T Copy<T>(T value, string what) => value is null ? value : Deserialize<T>(Serialize(value, what), what);

    /// <summary>Copies a request's arguments unless they are all immutable.</summary>
    public GrainRequest CopyRequest(GrainRequest request)
    {
        if (request.ArgumentsAreImmutable)
        {
            return request;
        }

        var buffer = RentBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                request.WriteArguments(writer, Options);
            }

            var copy = request.CreateEmpty();
            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            copy.ReadArguments(ref reader, Options);
            return copy;
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"The arguments of {request} cannot be serialized: {ex.Message}", ex);
        }
    }

    /// <summary>Copies a request's result unless its type is immutable.</summary>
    public object? CopyResult(GrainRequest request, object? result)
    {
        if (result is null || request.ResultIsImmutable)
        {
            return result;
        }

        var buffer = RentBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                request.WriteResult(writer, result, Options);
            }

            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            reader.Read();
            return request.ReadResult(ref reader, Options);
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"The result of {request} cannot be serialized: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a request's arguments (the wire form of a call).</summary>
    public byte[] SerializeArguments(GrainRequest request)
    {
        var buffer = RentBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                request.WriteArguments(writer, Options);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"The arguments of {request} cannot be serialized: {ex.Message}", ex);
        }
    }

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static bool IsSerializationFailure(Exception ex) =>
        ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException;
}
