using System.Text;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>
/// Engine.IO v4 packet and polling-payload encoding. Pure: decoding never throws, whatever the bytes
/// (engine.io CVE-2022-21676 was an uncaught exception on a crafted polling body).
/// </summary>
internal static class EngineIoCodec
{
    /// <summary>Separates the packets of a polling payload (v4; v3's length prefixes are gone).</summary>
    public const char RecordSeparator = '\u001e';

    public const byte RecordSeparatorByte = 0x1e;

    /// <summary>Strict UTF-8: invalid bytes are a refused payload, not silently replaced characters.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a text packet: a WebSocket text frame, or one record of a polling payload.</summary>
    public static DecodeResult<EngineIoPacket> DecodePacket(string encoded)
    {
        if (encoded.Length == 0)
        {
            return DecodeResult<EngineIoPacket>.Failure("empty packet");
        }

        var first = encoded[0];
        if (first == 'b')
        {
            // Binary data inside a text payload: 'b' then base64 (polling only, but harmless to accept anywhere).
            var base64 = encoded.AsSpan(1);
            var buffer = new byte[(base64.Length * 3 / 4) + 3];
            return Convert.TryFromBase64Chars(base64, buffer, out var written)
                ? DecodeResult<EngineIoPacket>.Success(new EngineIoPacket(EngineIoPacketType.Message, Binary: buffer[..written]))
                : DecodeResult<EngineIoPacket>.Failure("invalid base64 in a binary packet");
        }

        if (first is < '0' or > '6')
        {
            return DecodeResult<EngineIoPacket>.Failure($"unknown packet type (character code {(int)first})");
        }

        var type = (EngineIoPacketType)(first - '0');
        return DecodeResult<EngineIoPacket>.Success(new EngineIoPacket(type, encoded.Length > 1 ? encoded[1..] : null));
    }

    /// <summary>Decodes a polling POST body: strict UTF-8, then packets separated by <see cref="RecordSeparator"/>.</summary>
    public static DecodeResult<IReadOnlyList<EngineIoPacket>> DecodePayload(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return DecodeResult<IReadOnlyList<EngineIoPacket>>.Failure("empty payload");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return DecodeResult<IReadOnlyList<EngineIoPacket>>.Failure("payload is not valid UTF-8");
        }

        return DecodePayload(text);
    }

    public static DecodeResult<IReadOnlyList<EngineIoPacket>> DecodePayload(string payload)
    {
        var records = payload.Split(RecordSeparator);
        var packets = new List<EngineIoPacket>(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            var packet = DecodePacket(records[i]);
            if (!packet.IsSuccess)
            {
                return DecodeResult<IReadOnlyList<EngineIoPacket>>.Failure($"packet {i}: {packet.Error}");
            }

            packets.Add(packet.Value);
        }

        return DecodeResult<IReadOnlyList<EngineIoPacket>>.Success(packets);
    }

    /// <summary>Decodes a WebSocket text frame's bytes.</summary>
    public static DecodeResult<EngineIoPacket> DecodeTextFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            return DecodePacket(StrictUtf8.GetString(frame));
        }
        catch (DecoderFallbackException)
        {
            return DecodeResult<EngineIoPacket>.Failure("text frame is not valid UTF-8");
        }
    }

    /// <summary>The UTF-8 bytes of a text packet: the type digit, then the data.</summary>
    public static byte[] Encode(EngineIoPacketType type, string? data = null)
    {
        var bytes = new byte[1 + (data is null ? 0 : Encoding.UTF8.GetByteCount(data))];
        bytes[0] = (byte)('0' + (int)type);
        if (data is not null)
        {
            Encoding.UTF8.GetBytes(data, bytes.AsSpan(1));
        }

        return bytes;
    }

    /// <summary>Joins encoded packets into one polling payload.</summary>
    public static byte[] EncodePayload(IReadOnlyList<byte[]> packets)
    {
        var length = packets.Count - 1;
        foreach (var packet in packets)
        {
            length += packet.Length;
        }

        var payload = new byte[Math.Max(length, 0)];
        var offset = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            if (i > 0)
            {
                payload[offset++] = RecordSeparatorByte;
            }

            packets[i].CopyTo(payload, offset);
            offset += packets[i].Length;
        }

        return payload;
    }

    /// <summary>Text that is exactly one encoded packet, for comparisons in the upgrade handshake.</summary>
    public static string ToText(byte[] packet) => Encoding.UTF8.GetString(packet);
}
