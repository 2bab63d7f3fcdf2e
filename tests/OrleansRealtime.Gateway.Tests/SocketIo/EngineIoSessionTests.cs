using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Gateway.SocketIo;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>The outbound queue of one session: bounded, awaited when full, safe from many threads, drained by one poll at a time.</summary>
public sealed class EngineIoSessionTests
{
    [Fact]
    public async Task SendAsync_WhenTheQueueIsFull_WaitsUntilAPollDrainsIt()
    {
        var session = NewSession(capacity: 2);
        Assert.True(await session.SendAsync(Packet("a")).AsTask().WithTimeout());
        Assert.True(await session.SendAsync(Packet("b")).AsTask().WithTimeout());

        var third = session.SendAsync(Packet("c")).AsTask();
        Assert.False(third.IsCompleted);

        // The poll frees room, the waiting send gets in (possibly into that same poll's batch), order kept.
        var delivered = await PollAsync(session);
        Assert.True(await third.WithTimeout());
        if (!delivered.EndsWith("4c", StringComparison.Ordinal))
        {
            delivered += "\u001e" + await PollAsync(session);
        }

        Assert.Equal("4a\u001e4b\u001e4c", delivered);
    }

    [Fact]
    public async Task SendAsync_FromManyThreads_DeliversEveryPacketOnce_InEachSendersOrder()
    {
        var session = NewSession(capacity: 8);
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.True(await session.SendAsync(Packet($"{s}:{i}")));
            }
        })).ToArray();

        var received = new List<string>();
        while (received.Count < 200)
        {
            received.AddRange((await PollAsync(session)).Split('\u001e'));
        }

        await Task.WhenAll(senders).WithTimeout();
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"4{s}:{i}"), received.Where(p => p.StartsWith($"4{s}:", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Close_WakesWaitingSenders_WithFalse_AndLaterSendsAreRefused()
    {
        var session = NewSession(capacity: 1);
        await session.SendAsync(Packet("a"));
        var waiting = session.SendAsync(Packet("b")).AsTask();

        session.Close(SocketIoDisconnectReasons.TransportClose, graceful: false);

        Assert.False(await waiting.WithTimeout());
        Assert.False(await session.SendAsync(Packet("c")).AsTask().WithTimeout());
        await session.Closed.WithTimeout();
    }

    [Fact]
    public async Task GracefulClose_FlushesTheQueue_ThenTheClosePacketInAPayloadOfItsOwn()
    {
        var session = NewSession(capacity: 4);
        await session.SendAsync(Packet("last"));

        session.Close(SocketIoDisconnectReasons.ServerNamespaceDisconnect, graceful: true);

        // Not "4last\u001e1": socket.io-client would act on the close before the packet decoded beside it.
        Assert.Equal("4last", await PollAsync(session));
        Assert.False(session.Closed.IsCompleted);
        Assert.Equal("1", await PollAsync(session));
        await session.Closed.WithTimeout();
    }

    private static byte[] Packet(string data) => EngineIoCodec.Encode(EngineIoPacketType.Message, data);

    private static async Task<string> PollAsync(EngineIoSession session)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await session.PollAsync(context).WithTimeout();
        Assert.Equal((int)HttpStatusCode.OK, context.Response.StatusCode);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static EngineIoSession NewSession(int capacity)
    {
        var options = new SocketIoOptions { OutboundQueueCapacity = capacity };
        var handshake = new SocketIoHandshake(new QueryCollection(), new HeaderDictionary(), IPAddress.Loopback, new ClaimsPrincipal(), EngineIoTransports.Polling);
        return new EngineIoSession(EngineIoServer.NewId(), EngineIoTransports.Polling, handshake, options, TimeProvider.System, NullLogger.Instance);
    }
}
