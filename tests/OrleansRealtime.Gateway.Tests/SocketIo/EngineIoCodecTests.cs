using System.Text;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

public sealed class EngineIoCodecTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("3", 3)]
    [InlineData("4", 4)]
    [InlineData("5", 5)]
    [InlineData("6", 6)]
    public void DecodePacket_EveryType_WithoutData(string encoded, int type)
    {
        var result = EngineIoCodec.DecodePacket(encoded);

        Assert.True(result.IsSuccess);
        Assert.Equal((EngineIoPacketType)type, result.Value.Type);
        Assert.Null(result.Value.Text);
    }

    [Fact]
    public void DecodePacket_MessageAndProbe_KeepTheirData()
    {
        Assert.Equal("hello é", EngineIoCodec.DecodePacket("4hello é").Value.Text);
        Assert.Equal("probe", EngineIoCodec.DecodePacket("2probe").Value.Text);
    }

    [Fact]
    public void DecodePacket_BPrefix_IsBase64Binary()
    {
        var result = EngineIoCodec.DecodePacket("bAQIDBA==");

        Assert.True(result.IsSuccess);
        Assert.Equal(EngineIoPacketType.Message, result.Value.Type);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, result.Value.Binary);
    }

    [Theory]
    [InlineData("", "empty packet")]
    [InlineData("7", "unknown packet type")]
    [InlineData("x", "unknown packet type")]
    [InlineData("\u0000", "unknown packet type")]
    [InlineData("b!!!notbase64", "invalid base64")]
    public void DecodePacket_BadInput_IsAFailureWithAReason(string encoded, string reason)
    {
        var result = EngineIoCodec.DecodePacket(encoded);

        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void DecodePayload_SplitsOnTheRecordSeparator()
    {
        var result = EngineIoCodec.DecodePayload(Encoding.UTF8.GetBytes("4hello\u001e2probe\u001ebAQIDBA==\u001e6"));

        Assert.True(result.IsSuccess);
        Assert.Equal(
            [EngineIoPacketType.Message, EngineIoPacketType.Ping, EngineIoPacketType.Message, EngineIoPacketType.Noop],
            result.Value!.Select(p => p.Type));
        Assert.Equal("hello", result.Value![0].Text);
        Assert.True(result.Value![2].IsBinary);
    }

    [Theory]
    [InlineData(new byte[] { 0x34, 0xC3, 0x28 })] // an invalid 2-byte sequence
    [InlineData(new byte[] { 0x34, 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0x34, 0xFF })]
    public void DecodePayload_InvalidUtf8_IsRefused(byte[] body)
    {
        var result = EngineIoCodec.DecodePayload(body);

        Assert.False(result.IsSuccess);
        Assert.Contains("UTF-8", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u001e")]
    [InlineData("4a\u001e\u001e4b")]
    [InlineData("4a\u001e9")]
    [InlineData("abc")]
    public void DecodePayload_EmptyOrBadRecords_AreRefused(string payload)
    {
        Assert.False(EngineIoCodec.DecodePayload(Encoding.UTF8.GetBytes(payload)).IsSuccess);
    }

    [Fact]
    public void DecodePayload_BinaryFramingOfV3_IsRefused()
    {
        // v3's XHR2 binary payloads start with a 0/1 byte and lengths ending in 255; v4 has none of that.
        Assert.False(EngineIoCodec.DecodePayload(new byte[] { 0x00, 0x01, 0xFF, 0x34 }).IsSuccess);
    }

    [Fact]
    public void DecodeTextFrame_InvalidUtf8_IsRefused()
    {
        Assert.False(EngineIoCodec.DecodeTextFrame(new byte[] { 0x34, 0xC0, 0x80 }).IsSuccess);
    }

    [Fact]
    public void Encode_AndEncodePayload_JoinWithTheSeparator()
    {
        var payload = EngineIoCodec.EncodePayload([EngineIoCodec.Encode(EngineIoPacketType.Message, "é"), EngineIoCodec.Encode(EngineIoPacketType.Ping)]);

        Assert.Equal("4é\u001e2", Encoding.UTF8.GetString(payload));
        Assert.Equal("6", Encoding.UTF8.GetString(EngineIoCodec.EncodePayload([EngineIoCodec.Encode(EngineIoPacketType.Noop)])));
    }

    [Fact]
    public void DecodePayload_RandomBytes_NeverThrow()
    {
        var random = new Random(2421);
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            _ = EngineIoCodec.DecodePayload(body);
        }
    }
}
