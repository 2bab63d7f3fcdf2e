using System.Text.Json;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>Builds every frame type of docs/transport.md, and reads the ones whose fields are not read inline.</summary>
internal static class FrameCodec
{
    public const byte ProtocolVersion = 1;

    public static OutboundFrame Hello(HandshakeInfo info)
    {
        var builder = FrameBuilder.Rent(FrameType.Hello);
        builder.WriteByte(ProtocolVersion);
        builder.WriteByte((byte)info.Role);
        builder.WriteString(info.ClusterId);
        builder.WriteString(info.SenderId);
        builder.WriteBytes(info.Payload);
        return Finish(builder);
    }

    /// <summary>Reads a Hello body after its type byte.</summary>
    public static HandshakeInfo ReadHello(ref FrameReader reader)
    {
        byte version = reader.ReadByte();
        if (version != ProtocolVersion)
        {
            throw new ProtocolException($"The peer speaks transport protocol version {version}; this process speaks {ProtocolVersion}.");
        }

        var role = (PeerRole)reader.ReadByte();
        if (role is not (PeerRole.Silo or PeerRole.Client))
        {
            throw new ProtocolException($"The hello names an unknown peer role {(byte)role}.");
        }

        string clusterId = reader.ReadString();
        string senderId = reader.ReadString();
        byte[] payload = reader.ReadBytes().ToArray();
        return new HandshakeInfo(role, clusterId, senderId, payload);
    }

    public static OutboundFrame Refused(string reason)
    {
        var builder = FrameBuilder.Rent(FrameType.Refused);
        builder.WriteString(reason);
        return Finish(builder);
    }

    public static OutboundFrame Empty(FrameType type) => Finish(FrameBuilder.Rent(type));

    /// <summary>Throws <see cref="GrainSerializationException"/> when the arguments cannot be written or exceed <paramref name="maxFrameSize"/>.</summary>
    public static OutboundFrame Request(long requestId, Message message, JsonSerializerOptions options, int maxFrameSize)
    {
        var request = message.Request;
        var builder = FrameBuilder.Rent(FrameType.Request);
        try
        {
            builder.WriteInt64(requestId);
            builder.WriteByte((byte)(message.Response is null ? RequestFrameFlags.OneWay : RequestFrameFlags.None));
            builder.WriteVarUInt((uint)request.Flags);
            builder.WriteVarUInt((uint)message.ForwardCount);
            builder.WriteGrainId(message.Target);
            builder.WriteString(request.InterfaceName);
            builder.WriteString(request.MethodName);
            var json = builder.Json();
            request.WriteArguments(json, options);
            json.Flush();
            CheckSize(builder, maxFrameSize, request, "arguments");
            return builder.ToFrame();
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"The arguments of {request} cannot be serialized: {ex.Message}", ex);
        }
        finally
        {
            builder.Return();
        }
    }

    public static OutboundFrame ResultResponse(long requestId, GrainRequest request, object? result, JsonSerializerOptions options, int maxFrameSize)
    {
        var builder = ResponseHeader(requestId, ResponseStatus.Ok);
        try
        {
            var json = builder.Json();
            request.WriteResult(json, result, options);
            json.Flush();
            CheckSize(builder, maxFrameSize, request, "result");
            return builder.ToFrame();
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            throw new GrainSerializationException($"The result of {request} cannot be serialized: {ex.Message}", ex);
        }
        finally
        {
            builder.Return();
        }
    }

    /// <summary>The exception's type and message (see <see cref="ExceptionCodec"/>); never throws.</summary>
    public static OutboundFrame ExceptionResponse(long requestId, Exception exception, JsonSerializerOptions options)
    {
        var info = ExceptionCodec.Capture(exception);
        var builder = ResponseHeader(requestId, ResponseStatus.Exception);
        var json = builder.Json();
        json.WriteStartObject();
        json.WriteString("typeName", info.TypeName);
        json.WriteString("message", info.Message);
        json.WriteString("stackTrace", info.StackTrace);
        json.WriteEndObject();
        json.Flush();
        return Finish(builder);
    }

    public static ExceptionInfo ReadExceptionInfo(ReadOnlySpan<byte> json, RealtimeSerializer serializer) =>
        serializer.Deserialize<ExceptionInfo>(json, "A remote exception");

    public static OutboundFrame RedirectResponse(long requestId, GrainAddress? address)
    {
        var builder = ResponseHeader(requestId, ResponseStatus.Redirect);
        var json = builder.Json();
        if (address is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStartObject();
            json.WriteString("grainId", address.GrainId.ToString());
            json.WriteString("siloAddress", address.SiloAddress.ToParsableString());
            json.WriteString("activationId", address.ActivationId.ToString());
            json.WriteEndObject();
        }

        json.Flush();
        return Finish(builder);
    }

    /// <summary>Reads what <see cref="RedirectResponse"/> wrote; throws <see cref="ProtocolException"/> when it is not that.</summary>
    public static GrainAddress? ReadGrainAddress(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return new GrainAddress
            {
                GrainId = GrainId.Parse(root.GetProperty("grainId").GetString()!),
                SiloAddress = SiloAddress.Parse(root.GetProperty("siloAddress").GetString()!),
                ActivationId = ActivationId.Parse(root.GetProperty("activationId").GetString()!),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new ProtocolException("A redirect does not carry a readable grain address.");
        }
    }

    internal static bool IsSerializationFailure(Exception ex) =>
        ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException;

    private static FrameBuilder ResponseHeader(long requestId, ResponseStatus status)
    {
        var builder = FrameBuilder.Rent(FrameType.Response);
        builder.WriteInt64(requestId);
        builder.WriteByte((byte)status);
        return builder;
    }

    private static void CheckSize(FrameBuilder builder, int maxFrameSize, GrainRequest request, string what)
    {
        if (builder.Length > maxFrameSize)
        {
            throw new GrainSerializationException($"The {what} of {request} take {builder.Length} bytes, more than the transport's MaxFrameSize of {maxFrameSize}.");
        }
    }

    private static OutboundFrame Finish(FrameBuilder builder)
    {
        try
        {
            return builder.ToFrame();
        }
        finally
        {
            builder.Return();
        }
    }
}
