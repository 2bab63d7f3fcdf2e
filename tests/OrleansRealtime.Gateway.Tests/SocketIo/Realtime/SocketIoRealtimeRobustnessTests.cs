using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;
using static OrleansRealtime.Gateway.Tests.SocketIo.Realtime.RealtimeScript;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// The Robustness list against the gateway as the silo serves it: each bad input, sent raw on one session of
/// a user, leaves that user's other sockets (a joined Socket.IO socket and a raw /ws session) receiving a deposit.
/// What each input does to its own session is tested at the protocol level in <c>SocketIo/</c>; here it is the
/// realtime binding that must not be disturbed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoRealtimeRobustnessTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    public static TheoryData<string> BadFrames() => new()
    {
        "abc",                                                            // garbage
        "",                                                               // an empty message
        "47",                                                             // unknown Socket.IO packet type
        "9",                                                              // unknown Engine.IO packet type
        "42[\"join\",",                                                   // malformed JSON
        "42[\"join\",\"" + new string('[', 40) + "\"]",                   // JSON is fine, the address is not
        "42" + new string('[', 100) + new string(']', 100),               // nested past the depth limit
        "40",                                                             // a second CONNECT
        "40/admin,{}",                                                    // wrong namespace
        "41/admin,",                                                      // DISCONNECT of a namespace it never joined
        "431[\"no such ack\"]",                                           // an ACK nobody asked for
        "42[\"error\",\"boom\"]",                                         // CVE-2024-38355: a reserved event name
        "42[\"connect\"]",                                                // another reserved name
        "451-[\"join\",{\"_placeholder\":true,\"num\":\"toString\"}]",    // CVE-2022-2421: attachment placeholder
        "452-",                                                           // CVE-2023-32695: a truncated binary header
        "42[\"join\",{\"__proto__\":{\"admin\":true}}]",                  // prototype pollution, as JSON
        "4" + new string('x', 1_100_000),                                 // over maxPayload
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task ABadFrame_OnOneWebSocketSession_LeavesTheUsersOtherSocketsWorking(string frame)
    {
        var (user, wallet) = NewUser();
        await using var others = await OtherSocketsAsync(user, wallet);
        await using var victim = await RawRealtimeClient.JoinAsync(Host, Token(Host, user, wallet), wallet);

        try
        {
            await victim.SendAsync(frame);
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The server may close on the oversize message before the client finished sending it.
        }

        await others.AssertStillReceiveAsync(Host, user);
    }

    [Theory]
    [InlineData("event-before-connect")]
    [InlineData("unknown-sid-get")]
    [InlineData("unknown-sid-post")]
    [InlineData("oversize-post")]
    [InlineData("invalid-utf8")]
    [InlineData("garbage-post")]
    public async Task ABadPollingRequest_LeavesTheUsersOtherSocketsWorking(string input)
    {
        var (user, wallet) = NewUser();
        await using var others = await OtherSocketsAsync(user, wallet);
        using var polling = new PollingClient(Host.Address);
        var auth = JsonSerializer.Serialize(new { token = Token(Host, user, wallet) });

        switch (input)
        {
            case "event-before-connect":
                var (fresh, _) = await polling.HandshakeAsync();
                await polling.PostAsync(fresh, $"42[\"join\",\"{wallet}\"]");
                Assert.Equal(HttpStatusCode.BadRequest, (await polling.GetAsync(fresh)).Status);
                break;
            case "unknown-sid-get":
                Assert.Equal(HttpStatusCode.BadRequest, (await polling.GetAsync("no-such-sid")).Status);
                break;
            case "unknown-sid-post":
                Assert.Equal(HttpStatusCode.BadRequest, (await polling.PostAsync("no-such-sid", $"42[\"join\",\"{wallet}\"]")).Status);
                break;
            case "oversize-post":
                var big = await JoinedPollingAsync(polling, auth, wallet);
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await polling.PostAsync(big, "42[\"typing\",\"" + new string('x', 1_100_000) + "\"]")).Status);
                break;
            case "invalid-utf8":
                var bad = await JoinedPollingAsync(polling, auth, wallet);
                Assert.Equal(HttpStatusCode.BadRequest, (await polling.PostBytesAsync(bad, [0x34, 0x32, 0xC3, 0x28])).Status);
                break;
            case "garbage-post":
                var garbage = await JoinedPollingAsync(polling, auth, wallet);
                await polling.PostAsync(garbage, "42[\"join\"\u001e\u001e4x\u001e47");
                break;
        }

        await others.AssertStillReceiveAsync(Host, user);
    }

    [Fact]
    public async Task AWebSocketFrameWithReservedBitsSet_Cve_2022_21676_LeavesTheUsersOtherSocketsWorking()
    {
        var (user, wallet) = NewUser();
        await using var others = await OtherSocketsAsync(user, wallet);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host.Address.Host, Host.Address.Port).WaitAsync(TestTimeouts.Default);
        var stream = tcp.GetStream();
        var request = $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {Host.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(TestTimeouts.Default);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TestTimeouts.Default);
        Assert.StartsWith("HTTP/1.1 101", Encoding.Latin1.GetString(buffer, 0, read), StringComparison.Ordinal);

        // FIN, RSV2 and RSV3 set, text; masked, 2 bytes ("40").
        await stream.WriteAsync(new byte[] { 0xB1, 0x82, 1, 2, 3, 4, (byte)('4' ^ 1), (byte)('0' ^ 2) }).AsTask().WaitAsync(TestTimeouts.Default);
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is as good as a close.
        }

        Assert.False(timeout.IsCancellationRequested, "the server kept a connection that sent an invalid frame");
        await others.AssertStillReceiveAsync(Host, user);
    }

    private async Task<string> JoinedPollingAsync(PollingClient polling, string auth, string wallet)
    {
        var sid = await polling.ConnectAsync(auth);
        await polling.PostAsync(sid, $"421[\"join\",\"{wallet}\"]");
        Assert.Contains("\"ok\":true", await polling.PollForAsync(sid, "431"));
        return sid;
    }

    private async Task<OtherSockets> OtherSocketsAsync(string user, string wallet)
    {
        var socketIo = await RawRealtimeClient.JoinAsync(Host, Token(Host, user, wallet), wallet);
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        return new OtherSockets(socketIo, ws);
    }

    private sealed class OtherSockets(RawRealtimeClient socketIo, WsClient ws) : IAsyncDisposable
    {
        private long _balance;

        public async Task AssertStillReceiveAsync(GatewayHost host, string user)
        {
            _balance += 5;
            await host.Client.GetGrain<IUserGrain>(user).DepositAsync(5).WithTimeout();
            Assert.Equal(_balance, (await socketIo.NextEventAsync("balance:update"))[0].GetProperty("balance").GetInt64());
            Assert.Equal(_balance, (await ws.NextOfTypeAsync("balance:update")).GetProperty("data").GetProperty("balance").GetInt64());
        }

        public async ValueTask DisposeAsync()
        {
            await socketIo.DisposeAsync();
            await ws.DisposeAsync();
        }
    }
}
