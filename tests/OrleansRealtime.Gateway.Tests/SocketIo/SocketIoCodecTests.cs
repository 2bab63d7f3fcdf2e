using System.Text;
using System.Text.Json;
using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

public sealed class SocketIoCodecTests
{
    private const int Depth = 32;

    [Fact]
    public void Decode_ConnectWithoutAuth_IsTheMainNamespace()
    {
        var packet = Decode("0");

        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Fact]
    public void Decode_ConnectWithAuth_KeepsThePayload()
    {
        var packet = Decode("""0{"token":"ok","pid":"p1","offset":"o2"}""");

        Assert.Equal("ok", packet.Data!.Value.GetProperty("token").GetString());
    }

    [Fact]
    public void Decode_ConnectToANamespace_ReadsItUpToTheComma()
    {
        Assert.Equal("/admin", Decode("""0/admin,{"token":"x"}""").Namespace);
        Assert.Equal("/admin", Decode("0/admin,").Namespace);
        Assert.Equal("/admin", Decode("0/admin").Namespace);
    }

    [Fact]
    public void Decode_Event_WithAndWithoutAckId()
    {
        var plain = Decode("""2["hello",1,{"a":[true]}]""");
        Assert.Equal(SocketIoPacketType.Event, plain.Type);
        Assert.Null(plain.AckId);
        Assert.Equal("hello", plain.EventName);
        Assert.Equal(2, plain.Arguments().Count);

        var acked = Decode("""2/chat,12["hello"]""");
        Assert.Equal("/chat", acked.Namespace);
        Assert.Equal(12, acked.AckId);
        Assert.Empty(acked.Arguments());
    }

    [Fact]
    public void Decode_Ack_CarriesItsArguments()
    {
        var packet = Decode("""30["a",{"b":1}]""");

        Assert.Equal(SocketIoPacketType.Ack, packet.Type);
        Assert.Equal(0, packet.AckId);
        Assert.Equal(2, packet.Arguments().Count);
    }

    [Fact]
    public void Decode_Disconnect()
    {
        Assert.Equal(SocketIoPacketType.Disconnect, Decode("1").Type);
        Assert.Equal("/x", Decode("1/x,").Namespace);
    }

    [Fact]
    public void Decode_BinaryPackets_AreRecognizedButTheirPlaceholdersNeverParsed()
    {
        // CVE-2022-2421: a placeholder naming an attachment index like "toString" or a huge number must not be
        // interpreted; the packet is refused upstream, so its payload is not even looked at.
        var packet = Decode("""51-["upload",{"_placeholder":true,"num":"toString"}]""");

        Assert.True(packet.IsBinary);
        Assert.Equal(1, packet.Attachments);
        Assert.Null(packet.Data);
        Assert.True(Decode("""61-/x,3[{"_placeholder":true,"num":99999}]""").IsBinary);
    }

    [Fact]
    public void Decode_PlaceholderObjectsInPlainEvents_StayPlainJson()
    {
        var packet = Decode("""2["x",{"_placeholder":true,"num":0}]""");

        Assert.Equal(JsonValueKind.Object, packet.Arguments()[0].ValueKind);
        Assert.True(packet.Arguments()[0].GetProperty("_placeholder").GetBoolean());
    }

    [Theory]
    [InlineData("", "empty packet")]
    [InlineData("7", "unknown packet type")]
    [InlineData("a", "unknown packet type")]
    [InlineData("2", "not a non-empty array")]
    [InlineData("2[]", "not a non-empty array")]
    [InlineData("2{}", "not a non-empty array")]
    [InlineData("2\"hello\"", "not a non-empty array")]
    [InlineData("2[1,2]", "name is not a string")]
    [InlineData("2[null]", "name is not a string")]
    [InlineData("2[\"a\"", "malformed JSON")]
    [InlineData("2[\"a\"]]", "malformed JSON")]
    [InlineData("2[\"a\"]x", "malformed JSON")]
    [InlineData("2/a,[\"a\",", "malformed JSON")]
    [InlineData("2/,", "not a non-empty array")]
    [InlineData("2[\"a\",undefined]", "malformed JSON")]
    [InlineData("0[]", "not an object")]
    [InlineData("0\"token\"", "not an object")]
    [InlineData("01{}", "ack id")]
    [InlineData("1{}", "DISCONNECT with a payload")]
    [InlineData("3", "ACK without an ack id")]
    [InlineData("31", "ACK payload is not an array")]
    [InlineData("31{}", "ACK payload is not an array")]
    [InlineData("212345678901[\"a\"]", "ack id out of range")]
    [InlineData("23000000000[\"a\"]", "ack id out of range")]
    [InlineData("5-[\"a\"]", "illegal attachment count")]
    [InlineData("5x-[\"a\"]", "illegal attachment count")]
    [InlineData("51[\"a\"]", "illegal attachment count")]
    [InlineData("59999-[\"a\"]", "illegal attachment count")]
    [InlineData("4", "CONNECT_ERROR payload is not an object")]
    public void Decode_BadInput_IsAFailureWithAReason(string text, string reason)
    {
        var result = SocketIoCodec.Decode(text, Depth);

        Assert.False(result.IsSuccess, $"'{text}' was accepted");
        Assert.Contains(reason, result.Error);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("connect_error")]
    [InlineData("disconnect")]
    [InlineData("disconnecting")]
    [InlineData("error")]
    [InlineData("newListener")]
    [InlineData("removeListener")]
    public void Decode_ReservedEventNames_AreRefused(string name)
    {
        // CVE-2024-38355: a client emitting "error" crashed servers whose socket had no error listener.
        var result = SocketIoCodec.Decode($"2[\"{name}\",1]", Depth);

        Assert.False(result.IsSuccess);
        Assert.Contains("reserved event name", result.Error);
    }

    [Fact]
    public void Decode_JsonDeeperThanTheLimit_IsRefused()
    {
        var deep = "2[\"a\"," + new string('[', 40) + new string(']', 40) + "]";

        var result = SocketIoCodec.Decode(deep, Depth);

        Assert.False(result.IsSuccess);
        Assert.Contains("deeper than 32", result.Error);
        Assert.True(SocketIoCodec.Decode("2[\"a\"," + new string('[', 20) + new string(']', 20) + "]", Depth).IsSuccess);
    }

    [Fact]
    public void Decode_NamespaceTooLongOrWithControlCharacters_IsRefused()
    {
        Assert.False(SocketIoCodec.Decode("0/" + new string('a', 300) + ",", Depth).IsSuccess);
        Assert.False(SocketIoCodec.Decode("0/a\u0001b,", Depth).IsSuccess);
    }

    [Fact]
    public void Decode_RandomText_NeverThrows()
    {
        var random = new Random(32695);
        const string alphabet = "0123456789/,-[]{}\":_abc\\ \u001e\u0000é";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            _ = SocketIoCodec.Decode(new string(chars), Depth);
        }
    }

    [Fact]
    public void Encode_Event_PutsTheOffsetLast()
    {
        var args = new[] { JsonSerializer.SerializeToElement(new { balance = 100 }) };

        Assert.Equal("""42["balance:update",{"balance":100},"e1-7"]""", Text(SocketIoCodec.EncodeEvent("/", null, "balance:update", args, "e1-7")));
        Assert.Equal("""42/chat,5["x"]""", Text(SocketIoCodec.EncodeEvent("/chat", 5, "x", [], null)));
    }

    [Fact]
    public void Encode_ConnectReply_ConnectError_Ack_Disconnect()
    {
        Assert.Equal("""40{"sid":"abc"}""", Text(SocketIoCodec.EncodeConnect("/", "abc", null)));
        Assert.Equal("""40{"sid":"abc","pid":"p"}""", Text(SocketIoCodec.EncodeConnect("/", "abc", "p")));
        Assert.Equal("""44/admin,{"message":"Invalid namespace"}""", Text(SocketIoCodec.EncodeConnectError("/admin", "Invalid namespace", null)));
        Assert.Equal("""44{"message":"no","data":{"code":1}}""", Text(SocketIoCodec.EncodeConnectError("/", "no", JsonSerializer.SerializeToElement(new { code = 1 }))));
        Assert.Equal("""433[1,"a"]""", Text(SocketIoCodec.EncodeAck("/", 3, [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement("a")])));
        Assert.Equal("41", Text(SocketIoCodec.EncodeDisconnect("/")));
    }

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var encoded = Text(SocketIoCodec.EncodeEvent("/", 9, "msg", [JsonSerializer.SerializeToElement("ünï\u001e\"")], null));

        // Control characters are escaped by the JSON writer, so an argument can never split a polling payload.
        Assert.DoesNotContain('\u001e', encoded);
        var packet = Decode(encoded[1..]);

        Assert.Equal(9, packet.AckId);
        Assert.Equal("ünï\u001e\"", packet.Arguments()[0].GetString());
    }

    private static SocketIoPacket Decode(string text)
    {
        var result = SocketIoCodec.Decode(text, Depth);
        Assert.True(result.IsSuccess, result.Error);
        return result.Value!;
    }

    private static string Text(byte[] packet) => Encoding.UTF8.GetString(packet);
}
