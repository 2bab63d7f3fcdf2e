using OrleansRealtime.Gateway.WebSockets.KeepAlive;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.WebSockets.KeepAlive;

public class KeepAliveStreamTests
{
    private static readonly byte[] Ping = [0x89, 0x00];

    private readonly RecordingStream _inner = new();
    private readonly KeepAliveStream _stream;

    public KeepAliveStreamTests() => _stream = new KeepAliveStream(_inner);

    [Fact]
    public void APing_OnAnIdleSocket_IsWrittenAtOnce()
    {
        _stream.RequestPing();

        Assert.Equal([Ping], _inner.Writes);
    }

    [Fact]
    public async Task APingAskedForDuringAWrite_GoesRightAfterThatFrame_NotBeforeOrInside()
    {
        var frame = WebSocketFrameBoundaryTests.Frame(0x81, 50);
        var hold = _inner.HoldNextWrite();
        var writing = _stream.WriteAsync(frame).AsTask();

        _stream.RequestPing();
        Assert.Equal([frame], _inner.Writes);

        hold.SetResult();
        await writing.WithTimeout();
        Assert.Equal([frame, Ping], _inner.Writes);
    }

    [Fact]
    public async Task AFrameSplitAcrossWrites_IsNeverCutByAPing()
    {
        var frame = WebSocketFrameBoundaryTests.Frame(0x81, 300);
        await _stream.WriteAsync(frame.AsMemory(0, 100));

        _stream.RequestPing();
        _stream.TryWritePendingPing();
        Assert.Equal(frame[..100], _inner.Written);

        await _stream.WriteAsync(frame.AsMemory(100));
        Assert.Equal([.. frame, .. Ping], _inner.Written);
    }

    [Fact]
    public async Task AFrameWrittenWhileAPingIsInFlight_WaitsForIt()
    {
        var hold = _inner.HoldNextWrite();
        _stream.RequestPing();
        var frame = WebSocketFrameBoundaryTests.Frame(0x82, 3);

        var writing = _stream.WriteAsync(frame).AsTask();
        await Task.Delay(50);
        Assert.False(writing.IsCompleted);
        Assert.Equal([Ping], _inner.Writes);

        hold.SetResult();
        await writing.WithTimeout();
        Assert.Equal([Ping, frame], _inner.Writes);
    }

    [Fact]
    public async Task NoPing_AfterACloseFrame()
    {
        await _stream.WriteAsync(WebSocketFrameBoundaryTests.Frame(0x88, 2));

        _stream.RequestPing();

        Assert.Single(_inner.Writes);
    }

    [Fact]
    public async Task Heard_IsSetByAnyByteFromThePeer_AndClearedByTheNextPing()
    {
        Assert.False(_stream.Heard);
        var buffer = new byte[16];

        _inner.Feed(0x8A, 0x00);
        Assert.Equal(0, await _stream.ReadAsync(Memory<byte>.Empty).AsTask().WithTimeout());
        Assert.False(_stream.Heard);
        Assert.Equal(2, await _stream.ReadAsync(buffer).AsTask().WithTimeout());
        Assert.True(_stream.Heard);

        _stream.RequestPing();
        Assert.False(_stream.Heard);
    }
}
