using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

namespace OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

internal static partial class SocketIoCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = false };

    /// <summary>
    /// Encodes a Socket.IO packet wrapped in an Engine.IO message, ready for a transport: <c>4</c>, the
    /// Socket.IO header, then the JSON written by <paramref name="writeJson"/> (nothing when null).
    /// </summary>
    public static byte[] EncodeMessage(SocketIoPacketType type, string nsp, int? ackId, Action<Utf8JsonWriter>? writeJson)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var header = new StringBuilder(16);
        header.Append((char)('0' + (int)EngineIoPacketType.Message));
        header.Append((char)('0' + (int)type));
        if (nsp != SocketIoPacket.MainNamespace)
        {
            header.Append(nsp).Append(',');
        }

        if (ackId is { } id)
        {
            header.Append(id.ToString(CultureInfo.InvariantCulture));
        }

        var headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        buffer.Write(headerBytes);
        if (writeJson is not null)
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            writeJson(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>CONNECT reply: <c>{"sid": …, "pid": …}</c> (pid only when the handler supplied one for recovery).</summary>
    public static byte[] EncodeConnect(string nsp, string sid, string? pid) =>
        EncodeMessage(SocketIoPacketType.Connect, nsp, null, w =>
        {
            w.WriteStartObject();
            w.WriteString("sid", sid);
            if (pid is not null)
            {
                w.WriteString("pid", pid);
            }

            w.WriteEndObject();
        });

    /// <summary>CONNECT_ERROR: <c>{"message": …, "data": …}</c>, which socket.io-client surfaces as connect_error.</summary>
    public static byte[] EncodeConnectError(string nsp, string message, JsonElement? data) =>
        EncodeMessage(SocketIoPacketType.ConnectError, nsp, null, w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            if (data is { } value)
            {
                w.WritePropertyName("data");
                value.WriteTo(w);
            }

            w.WriteEndObject();
        });

    public static byte[] EncodeDisconnect(string nsp) => EncodeMessage(SocketIoPacketType.Disconnect, nsp, null, null);

    /// <summary>EVENT: <c>[name, ...args, offset?]</c>; the offset (connection state recovery) goes last.</summary>
    public static byte[] EncodeEvent(string nsp, int? ackId, string eventName, IReadOnlyList<JsonElement> args, string? offset) =>
        EncodeMessage(SocketIoPacketType.Event, nsp, ackId, w =>
        {
            w.WriteStartArray();
            w.WriteStringValue(eventName);
            foreach (var arg in args)
            {
                arg.WriteTo(w);
            }

            if (offset is not null)
            {
                w.WriteStringValue(offset);
            }

            w.WriteEndArray();
        });

    public static byte[] EncodeAck(string nsp, int ackId, IReadOnlyList<JsonElement> args) =>
        EncodeMessage(SocketIoPacketType.Ack, nsp, ackId, w =>
        {
            w.WriteStartArray();
            foreach (var arg in args)
            {
                arg.WriteTo(w);
            }

            w.WriteEndArray();
        });
}
