using System.Net;
using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>Raw Engine.IO long-polling against a real Kestrel: the handshake, errors, limits and garbage.</summary>
public sealed class PollingEndpointTests : IAsyncLifetime
{
    private SocketIoTestHost _host = null!;
    private PollingClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await SocketIoTestHost.StartAsync(new Dictionary<string, string?> { ["Realtime:SocketIo:MaxPayload"] = "2048" });
        _client = _host.Polling();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Handshake_ReturnsSidUpgradesAndTimings()
    {
        var (sid, open) = await _client.HandshakeAsync();

        Assert.Equal(20, sid.Length);
        Assert.Equal(["websocket"], open.GetProperty("upgrades").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(25000, open.GetProperty("pingInterval").GetInt32());
        Assert.Equal(20000, open.GetProperty("pingTimeout").GetInt32());
        Assert.Equal(2048, open.GetProperty("maxPayload").GetInt32());
        Assert.Equal(5, open.EnumerateObject().Count());
    }

    [Fact]
    public async Task Handshake_RequestIsCopied_SoTheHandlerSeesTheQueryToken()
    {
        var (sid, _) = await _client.HandshakeAsync("&token=ok");

        await _client.PostAsync(sid, "40");
        var reply = await _client.PollForAsync(sid, "40");

        Assert.StartsWith("40{\"sid\":", reply);
        var request = await _host.Handler.Connects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("ok", request.Handshake.Query["token"]);
        Assert.Null(request.Auth);
    }

    [Theory]
    [InlineData("/socket.io/?EIO=4&transport=carrier-pigeon", 0, "Transport unknown")]
    [InlineData("/socket.io/?EIO=4", 0, "Transport unknown")]
    [InlineData("/socket.io/?EIO=3&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("/socket.io/?transport=polling", 5, "Unsupported protocol version")]
    [InlineData("/socket.io/?EIO=abc&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("/socket.io/?EIO=4&transport=polling&sid=nope", 1, "Session ID unknown")]
    [InlineData("/socket.io/?EIO=4&transport=websocket", 3, "Bad request")]
    public async Task BadRequests_Get400_WithTheEngineIoErrorJson(string url, int code, string message)
    {
        using var response = await _client.Http.GetAsync(url).WithTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownSid_OnPost_Is400SessionIdUnknown()
    {
        var (status, body) = await _client.PostAsync("AAAAAAAAAAAAAAAAAAAA", "40");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"code":1,"message":"Session ID unknown"}""", body);
    }

    [Fact]
    public async Task HandshakeWithPost_Is400BadHandshakeMethod()
    {
        using var response = await _client.Http.PostAsync(PollingClient.Url(), new StringContent("40")).WithTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ThenGet_DeliversTheEcho()
    {
        var sid = await _client.ConnectAsync();

        var (status, body) = await _client.PostAsync(sid, "42[\"echo\",\"hi\",{\"n\":1}]");
        var echo = await _client.PollForAsync(sid, "42");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
        Assert.Equal("42[\"echo\",\"hi\",{\"n\":1}]", echo);
    }

    [Fact]
    public async Task SeveralPacketsInOnePost_AreHandledInOrder()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, string.Join(PollingClient.Separator, Enumerable.Range(0, 5).Select(i => $"42[\"echo\",{i}]")));

        var seen = new List<string>();
        while (seen.Count < 5)
        {
            var (_, body) = await _client.GetAsync(sid);
            seen.AddRange(body.Split(PollingClient.Separator).Where(p => p.StartsWith("42", StringComparison.Ordinal)));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"42[\"echo\",{i}]"), seen);
    }

    [Fact]
    public async Task OversizePost_Gets413_AndTheSessionLivesOn()
    {
        var sid = await _client.ConnectAsync();

        var (status, _) = await _client.PostAsync(sid, "42[\"echo\",\"" + new string('x', 4096) + "\"]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);

        await _client.PostAsync(sid, "42[\"echo\",\"still here\"]");
        Assert.Equal("42[\"echo\",\"still here\"]", await _client.PollForAsync(sid, "42"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("9")]
    [InlineData("4")]
    [InlineData("42")]
    [InlineData("42[")]
    [InlineData("42[\"echo\"]]")]
    [InlineData("42[1]")]
    [InlineData("47")]
    [InlineData("4x")]
    [InlineData("42[\"error\",\"boom\"]")]
    [InlineData("42[\"disconnect\"]")]
    [InlineData("42[\"newListener\"]")]
    [InlineData("499999999999[\"a\"]")]
    [InlineData("2")]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("44{\"message\":\"x\"}")]
    [InlineData("\u001e")]
    public async Task GarbagePacket_ClosesThatSessionOnly(string payload)
    {
        var victim = await _client.ConnectAsync();
        var bystander = await _client.ConnectAsync();

        var (status, _) = await _client.PostAsync(victim, payload);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {(int)status}");
        await AssertClosedAsync(victim);
        await _client.PostAsync(bystander, "42[\"echo\",\"fine\"]");
        Assert.Equal("42[\"echo\",\"fine\"]", await _client.PollForAsync(bystander, "42"));
    }

    [Theory]
    [InlineData(new byte[] { 0x34, 0x32, 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x34, 0x32, 0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D })]
    public async Task InvalidUtf8Body_Is400_AndClosesThatSession(byte[] body)
    {
        var sid = await _client.ConnectAsync();

        var (status, _) = await _client.PostBytesAsync(sid, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertClosedAsync(sid);
    }

    [Fact]
    public async Task EventBeforeConnect_ClosesTheSession()
    {
        var (sid, _) = await _client.HandshakeAsync();

        await _client.PostAsync(sid, "42[\"echo\",1]");

        await AssertClosedAsync(sid);
        Assert.True(_host.Handler.Events.Reader.Count == 0);
    }

    [Fact]
    public async Task RefusedConnect_GetsConnectErrorWithMessageAndData()
    {
        var (sid, _) = await _client.HandshakeAsync();

        await _client.PostAsync(sid, "40{\"token\":\"bad\"}");
        var reply = await _client.PollForAsync(sid, "44");

        Assert.Equal("44{\"message\":\"unauthorized\",\"data\":{\"code\":\"invalid_token\",\"retry\":false}}", reply);
    }

    [Fact]
    public async Task OtherNamespace_GetsInvalidNamespace()
    {
        var (sid, _) = await _client.HandshakeAsync();

        await _client.PostAsync(sid, "40/admin,{\"token\":\"ok\"}");

        Assert.Equal("44/admin,{\"message\":\"Invalid namespace\"}", await _client.PollForAsync(sid, "44"));
    }

    [Fact]
    public async Task BinaryAttachments_AreRefusedWithAClearConnectError()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, "451-[\"upload\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==");

        Assert.Equal("44{\"message\":\"Binary attachments are not supported\"}", await _client.PollForAsync(sid, "44"));
        var (socketId, reason) = await _host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("binary not supported", reason);
        Assert.NotEmpty(socketId);
    }

    [Fact]
    public async Task OverlappingGets_CloseTheSession_OneWithACloseAndTheOtherWith400()
    {
        var (sid, _) = await _client.HandshakeAsync();

        // Whichever arrives first waits and is answered with the close packet; the other overlaps and gets 400.
        var results = await Task.WhenAll(_client.GetAsync(sid), _client.GetAsync(sid));

        Assert.Contains((HttpStatusCode.OK, "1"), results);
        Assert.Contains(results, r => r.Status == HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(sid)).Status);
    }

    [Fact]
    public async Task ClientClosePacket_EndsTheSession_AndFreesIt()
    {
        var sid = await _client.ConnectAsync();
        var before = _host.Server.OpenSessions;

        await _client.PostAsync(sid, "1");

        var (_, reason) = await _host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("transport close", reason);
        await AssertClosedAsync(sid);
        Assert.Equal(before - 1, _host.Server.OpenSessions);
    }

    [Fact]
    public async Task ServerEmitWithAck_IsAnsweredByAnAckPacket()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, "42[\"ask\",{\"n\":1}]");
        var question = await _client.PollForAsync(sid, "42");
        Assert.Equal("420[\"question\",{\"n\":1}]", question);
        await _client.PostAsync(sid, "430[{\"answer\":2}]");

        Assert.Equal("42[\"answer\",{\"answer\":2}]", await _client.PollForAsync(sid, "42"));
    }

    [Fact]
    public async Task ClientAck_IsAnsweredWithTheSameId()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, "427[\"ack\",\"a\",2]");

        Assert.Equal("437[\"a\",2]", await _client.PollForAsync(sid, "43"));
    }

    [Fact]
    public async Task RecoveryHook_ThePidIsInTheReply_AndTheClientsPidAndOffsetReachTheHandler()
    {
        _host.Handler.AcceptPid = "pid-1";
        var (sid, _) = await _client.HandshakeAsync();

        await _client.PostAsync(sid, "40{\"token\":\"ok\",\"pid\":\"pid-0\",\"offset\":\"epoch1-6\"}");
        var reply = await _client.PollForAsync(sid, "40");

        Assert.EndsWith(",\"pid\":\"pid-1\"}", reply);
        var request = await _host.Handler.Connects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("pid-0", request.Pid);
        Assert.Equal("epoch1-6", request.Offset);

        await _client.PostAsync(sid, "42[\"offset\"]");
        Assert.Equal("42[\"tick\",{\"seq\":7},\"epoch1-7\"]", await _client.PollForAsync(sid, "42[\"tick\""));
    }

    [Fact]
    public async Task ServerDisconnect_SendsDisconnectThenClose()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, "42[\"bye\"]");

        var packets = new List<string>();
        while (!packets.Contains("1"))
        {
            var (status, body) = await _client.GetAsync(sid);
            Assert.Equal(HttpStatusCode.OK, status);
            packets.AddRange(body.Split(PollingClient.Separator));
        }

        Assert.Equal(["41", "1"], packets.Where(p => p is "41" or "1"));
        var (_, reason) = await _host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("server namespace disconnect", reason);
    }

    [Fact]
    public async Task HandlerException_IsLogged_AndTheSocketGoesOn()
    {
        var sid = await _client.ConnectAsync();

        await _client.PostAsync(sid, "42[\"throw\"]\u001e42[\"echo\",\"after\"]");

        Assert.Equal("42[\"echo\",\"after\"]", await _client.PollForAsync(sid, "42"));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("[5112]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NeverCarryTheQueryTokenOrAuth()
    {
        var (sid, _) = await _client.HandshakeAsync("&token=secret-query-token");
        await _client.PostAsync(sid, "40{\"token\":\"secret-auth-token\"}");
        await _client.PollForAsync(sid, "44");
        await _client.PostAsync(sid, "42[");

        var ours = _host.Logs.Lines.Where(l => l.Contains("OrleansRealtime.Gateway.SocketIo", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.DoesNotContain(ours, l => l.Contains("secret-", StringComparison.Ordinal));
    }

    private async Task AssertClosedAsync(string sid)
    {
        // The close happens while the POST is handled, so the very next request already finds no session.
        var (status, body) = await _client.GetAsync(sid);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"code":1,"message":"Session ID unknown"}""", body);
    }
}
