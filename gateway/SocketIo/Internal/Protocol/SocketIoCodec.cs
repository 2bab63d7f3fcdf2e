using System.Buffers;
using System.Text.Json;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

namespace OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

/// <summary>
/// Socket.IO v5 packet encoding: <c>&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][JSON]</c>.
/// Decoding is pure and never throws (socket.io-parser CVE-2023-32695 crashed servers on malformed packets);
/// every refusal comes back as a reason.
/// </summary>
internal static partial class SocketIoCodec
{
    /// <summary>Longest namespace accepted; real ones are short paths.</summary>
    public const int MaxNamespaceLength = 256;

    /// <summary>Ack ids are non-negative and fit an <see cref="int"/>: socket.io-client counts up from 0.</summary>
    public const int MaxAckIdDigits = 10;

    /// <summary>
    /// Event names that the reference server refuses from a client: emitting them would fire the server's own
    /// lifecycle listeners (socket.io CVE-2024-38355 crashed a server on a client-sent "error").
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedEventNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "connect", "connect_error", "disconnect", "disconnecting", "error", "newListener", "removeListener",
    };

    public static DecodeResult<SocketIoPacket> Decode(string text, int maxJsonDepth)
    {
        if (text.Length == 0)
        {
            return Fail("empty packet");
        }

        var first = text[0];
        if (first is < '0' or > '6')
        {
            return Fail($"unknown packet type (character code {(int)first})");
        }

        var type = (SocketIoPacketType)(first - '0');
        var i = 1;

        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            var dash = text.IndexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 3 || !int.TryParse(text.AsSpan(i, dash - i), out attachments) || !AllDigits(text.AsSpan(i, dash - i)))
            {
                return Fail("illegal attachment count");
            }

            i = dash + 1;
        }

        var nsp = SocketIoPacket.MainNamespace;
        if (i < text.Length && text[i] == '/')
        {
            var comma = text.IndexOf(',', i);
            var end = comma < 0 ? text.Length : comma;
            if (end - i > MaxNamespaceLength)
            {
                return Fail("namespace too long");
            }

            nsp = text[i..end];
            if (nsp.Any(char.IsControl))
            {
                return Fail("namespace has control characters");
            }

            i = comma < 0 ? text.Length : comma + 1;
        }

        int? ackId = null;
        var digits = 0;
        while (i + digits < text.Length && char.IsAsciiDigit(text[i + digits]))
        {
            digits++;
        }

        if (digits > 0)
        {
            if (digits > MaxAckIdDigits || !int.TryParse(text.AsSpan(i, digits), out var id))
            {
                return Fail("ack id out of range");
            }

            ackId = id;
            i += digits;
        }

        if (attachments > 0 || type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            // Refused upstream; the payload's placeholders are deliberately left unparsed (CVE-2022-2421).
            return DecodeResult<SocketIoPacket>.Success(new SocketIoPacket(type, nsp, ackId, null, attachments));
        }

        JsonElement? data = null;
        if (i < text.Length)
        {
            var json = ParseJson(text.AsMemory(i), maxJsonDepth);
            if (!json.IsSuccess)
            {
                return Fail(json.Error!);
            }

            data = json.Value;
        }

        var error = Validate(type, ackId, data);
        return error is null ? DecodeResult<SocketIoPacket>.Success(new SocketIoPacket(type, nsp, ackId, data)) : Fail(error);
    }

    private static string? Validate(SocketIoPacketType type, int? ackId, JsonElement? data) => type switch
    {
        SocketIoPacketType.Connect when ackId is not null => "CONNECT with an ack id",
        SocketIoPacketType.Connect when data is { ValueKind: not JsonValueKind.Object } => "CONNECT payload is not an object",
        SocketIoPacketType.Disconnect when ackId is not null || data is not null => "DISCONNECT with a payload",
        SocketIoPacketType.ConnectError when data is not { ValueKind: JsonValueKind.Object or JsonValueKind.String } => "CONNECT_ERROR payload is not an object",
        SocketIoPacketType.Event => ValidateEvent(data),
        SocketIoPacketType.Ack when ackId is null => "ACK without an ack id",
        SocketIoPacketType.Ack when data is not { ValueKind: JsonValueKind.Array } => "ACK payload is not an array",
        _ => null,
    };

    private static string? ValidateEvent(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            return "EVENT payload is not a non-empty array";
        }

        var name = array[0];
        if (name.ValueKind != JsonValueKind.String)
        {
            return "EVENT name is not a string";
        }

        return ReservedEventNames.Contains(name.GetString()!) ? "EVENT uses a reserved event name" : null;
    }

    private static DecodeResult<JsonElement> ParseJson(ReadOnlyMemory<char> json, int maxDepth)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });

            // Clone: the packet outlives the pooled document (handlers keep the arguments).
            return DecodeResult<JsonElement>.Success(document.RootElement.Clone());
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return DecodeResult<JsonElement>.Failure($"JSON nested deeper than {maxDepth}");
        }
        catch (JsonException)
        {
            return DecodeResult<JsonElement>.Failure("malformed JSON");
        }
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static DecodeResult<SocketIoPacket> Fail(string error) => DecodeResult<SocketIoPacket>.Failure(error);
}
