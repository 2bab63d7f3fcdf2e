using OrleansRealtime.Gateway.WebSockets.KeepAlive;

namespace OrleansRealtime.Gateway.Tests.WebSockets.KeepAlive;

public class WebSocketFrameBoundaryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    public void AWholeFrame_EndsAtABoundary_WhateverItsLengthEncoding(int length)
    {
        var frames = default(WebSocketFrameBoundary);
        var frame = Frame(0x81, length);

        frames.Advance(frame.AsSpan(0, frame.Length - 1));
        Assert.False(frames.AtBoundary);

        frames.Advance(frame.AsSpan(frame.Length - 1));
        Assert.True(frames.AtBoundary);
        Assert.False(frames.CloseSent);
    }

    [Fact]
    public void AFrameWrittenByteByByte_IsInsideUntilItsLastByte()
    {
        var frames = default(WebSocketFrameBoundary);
        var frame = Frame(0x82, 300);

        for (var i = 0; i < frame.Length; i++)
        {
            Assert.Equal(i == 0, frames.AtBoundary);
            frames.Advance(frame.AsSpan(i, 1));
        }

        Assert.True(frames.AtBoundary);
    }

    [Fact]
    public void SeveralFramesInOneWrite_AndOneSplitAcrossTheNext()
    {
        var frames = default(WebSocketFrameBoundary);
        var a = Frame(0x81, 10);
        var b = Frame(0x8A, 0);
        var c = Frame(0x01, 200);
        byte[] written = [.. a, .. b, .. c];

        frames.Advance(written.AsSpan(0, a.Length + b.Length + 3));
        Assert.False(frames.AtBoundary);
        frames.Advance(written.AsSpan(a.Length + b.Length + 3));
        Assert.True(frames.AtBoundary);
    }

    [Fact]
    public void AMaskedFrame_CountsItsMaskingKey()
    {
        var frames = default(WebSocketFrameBoundary);
        byte[] masked = [0x81, 0x80 | 3, 1, 2, 3, 4, 9, 9, 9];

        frames.Advance(masked.AsSpan(0, 8));
        Assert.False(frames.AtBoundary);
        frames.Advance(masked.AsSpan(8));
        Assert.True(frames.AtBoundary);
    }

    [Fact]
    public void ACloseFrame_IsNoticed()
    {
        var frames = default(WebSocketFrameBoundary);
        frames.Advance(Frame(0x81, 4));
        Assert.False(frames.CloseSent);

        frames.Advance(Frame(0x88, 2));

        Assert.True(frames.CloseSent);
        Assert.True(frames.AtBoundary);
    }

    /// <summary>An unmasked (server) frame with <paramref name="length"/> payload bytes.</summary>
    internal static byte[] Frame(byte first, int length)
    {
        var header = length switch
        {
            < 126 => new byte[] { first, (byte)length },
            <= ushort.MaxValue => [first, 126, (byte)(length >> 8), (byte)length],
            _ => [first, 127, 0, 0, 0, 0, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        };
        var frame = new byte[header.Length + length];
        header.CopyTo(frame, 0);
        frame.AsSpan(header.Length).Fill((byte)'x');
        return frame;
    }
}
