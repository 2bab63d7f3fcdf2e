using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

/// <summary>
/// One decoded Socket.IO packet. <see cref="Data"/> is the validated JSON payload (absent for binary packets,
/// whose payload is never parsed: binary attachments are refused, so their <c>_placeholder</c> objects are
/// never interpreted).
/// </summary>
internal sealed record SocketIoPacket(SocketIoPacketType Type, string Namespace, int? AckId, JsonElement? Data, int Attachments = 0)
{
    public const string MainNamespace = "/";

    public bool IsBinary => Type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;

    /// <summary>The event name of an EVENT packet (validated by the codec to be a non-reserved string).</summary>
    public string EventName => Data!.Value[0].GetString()!;

    /// <summary>The arguments of an EVENT (after the name) or of an ACK.</summary>
    public IReadOnlyList<JsonElement> Arguments()
    {
        var array = Data!.Value;
        var skip = Type == SocketIoPacketType.Event ? 1 : 0;
        var args = new JsonElement[Math.Max(array.GetArrayLength() - skip, 0)];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (skip-- > 0)
            {
                continue;
            }

            args[i++] = element;
        }

        return args;
    }
}
