using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.Sessions;
using OrleansRealtime.Gateway.WebSockets.KeepAlive;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Gateway.Tests.WebSockets.KeepAlive;

public sealed class KeepAliveSweepTests : IDisposable
{
    private static readonly byte[] Ping = [0x89, 0x00];
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    private readonly FakeTimeProvider _time = new();
    private readonly TestMeters _meters = new();
    private readonly KeepAliveSweep _sweep;

    public KeepAliveSweepTests()
    {
        var options = Options.Create(new RealtimeGatewayOptions { KeepAliveInterval = Interval, KeepAliveTimeout = Timeout });
        _sweep = new KeepAliveSweep(options, _time, new GatewayMetrics(_meters), NullLogger<KeepAliveSweep>.Instance);
    }

    [Fact]
    public void ThePeriod_IsAQuarterOfTheShorterSetting_WithinItsBounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), _sweep.Period);
        var fast = new KeepAliveSweep(Options.Create(new RealtimeGatewayOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(200), KeepAliveTimeout = TimeSpan.FromMilliseconds(300) }),
            _time, new GatewayMetrics(_meters), NullLogger<KeepAliveSweep>.Instance);
        Assert.Equal(TimeSpan.FromMilliseconds(50), fast.Period);
    }

    [Fact]
    public void ASocket_IsPingedEveryInterval_WhileItsPeerAnswers()
    {
        var (inner, stream, socket) = NewSocket();
        using var registration = _sweep.Register(stream, socket, "s1");

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(inner.Writes);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Ping], inner.Writes);

        for (var round = 2; round <= 4; round++)
        {
            Answer(inner, stream);
            _time.Advance(Interval);
            Assert.Equal(round, inner.Writes.Count(w => w.SequenceEqual(Ping)));
            Assert.Equal(WebSocketState.Open, socket.State);
        }
    }

    [Fact]
    public void APeerThatSendsNothingAfterAPing_IsAbortedOnceTheTimeoutPassed()
    {
        var (_, stream, socket) = NewSocket();
        using var registration = _sweep.Register(stream, socket, "s1");
        _time.Advance(Interval);

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(WebSocketState.Open, socket.State);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(WebSocketState.Aborted, socket.State);
        Assert.Equal(1, _meters["realtime.gateway.keepalive_timeouts"]);
        Assert.Equal(0, _sweep.Count);
    }

    [Fact]
    public void AnUnregisteredSocket_IsNeitherPingedNorAborted()
    {
        var (inner, stream, socket) = NewSocket();
        var (otherInner, otherStream, otherSocket) = NewSocket();
        var registration = _sweep.Register(stream, socket, "s1");
        using var other = _sweep.Register(otherStream, otherSocket, "s2");

        registration.Dispose();
        registration.Dispose();
        Assert.Equal(1, _sweep.Count);
        _time.Advance(Interval + Timeout + Interval);

        Assert.Empty(inner.Writes);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(0, _sweep.Count);
        Assert.Equal(WebSocketState.Aborted, otherSocket.State);
        Assert.Equal([Ping], otherInner.Writes);
    }

    [Fact]
    public void ManySockets_KeepTheirOwnSchedules_AcrossRemovals()
    {
        var sockets = Enumerable.Range(0, 100).Select(_ => NewSocket()).ToList();
        var registrations = sockets.Select((s, i) => _sweep.Register(s.Stream, s.Socket, $"s{i}")).ToList();
        for (var i = 0; i < sockets.Count; i += 2)
        {
            registrations[i].Dispose();
        }

        _time.Advance(Interval);
        for (var i = 1; i < sockets.Count; i += 4)
        {
            Answer(sockets[i].Inner, sockets[i].Stream);
        }

        _time.Advance(Timeout);

        for (var i = 0; i < sockets.Count; i++)
        {
            var expected = i % 2 == 0 || i % 4 == 1 ? WebSocketState.Open : WebSocketState.Aborted;
            Assert.Equal(expected, sockets[i].Socket.State);
            Assert.Equal(i % 2 == 0 ? 0 : 1, sockets[i].Inner.Writes.Count);
        }

        Assert.Equal(25, _sweep.Count);
    }

    [Fact]
    public void AfterTheSweepIsDisposed_ASocketIsNotRegistered_AndNothingThrows()
    {
        var (inner, stream, socket) = NewSocket();
        _sweep.Dispose();

        using var registration = _sweep.Register(stream, socket, "s1");
        _time.Advance(Interval + Timeout);

        Assert.Equal(0, _sweep.Count);
        Assert.Empty(inner.Writes);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    public void Dispose()
    {
        _sweep.Dispose();
        _meters.Dispose();
    }

    /// <summary>The peer's pong, read through the keep-alive stream as the socket's receive loop would.</summary>
    private static void Answer(RecordingStream inner, KeepAliveStream stream)
    {
        inner.Feed(0x8A, 0x00);
        Assert.Equal(2, stream.ReadAsync(new byte[2]).AsTask().GetAwaiter().GetResult());
    }

    private static (RecordingStream Inner, KeepAliveStream Stream, WebSocket Socket) NewSocket()
    {
        var inner = new RecordingStream();
        var stream = new KeepAliveStream(inner);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        return (inner, stream, socket);
    }
}
