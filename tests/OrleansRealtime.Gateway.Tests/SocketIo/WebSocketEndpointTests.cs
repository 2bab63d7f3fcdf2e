using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>Raw Engine.IO over WebSocket against a real Kestrel: direct open, the upgrade from polling, limits and garbage.</summary>
public sealed class WebSocketEndpointTests : IAsyncLifetime
{
    private SocketIoTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SocketIoTestHost.StartAsync(new Dictionary<string, string?> { ["Realtime:SocketIo:MaxPayload"] = "2048" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DirectWebSocket_OpensWithNoUpgrades_AndEchoes()
    {
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address);

        var open = await ws.ReceiveAsync();
        Assert.StartsWith("0", open);
        var data = JsonDocument.Parse(open![1..]).RootElement;
        Assert.Empty(data.GetProperty("upgrades").EnumerateArray());
        Assert.Equal(2048, data.GetProperty("maxPayload").GetInt32());

        await ws.SendAsync("40{\"token\":\"ok\"}");
        Assert.StartsWith("40{\"sid\":", await ws.ReceiveForAsync("40"));
        await ws.SendAsync("42[\"echo\",\"ws\"]");
        Assert.Equal("42[\"echo\",\"ws\"]", await ws.ReceiveForAsync("42"));
    }

    [Fact]
    public async Task UpgradeFromPolling_ProbeNoopUpgrade_ThenPollingIsRefused()
    {
        using var polling = _host.Polling();
        var sid = await polling.ConnectAsync();
        var pendingGet = polling.GetAsync(sid);

        await using var ws = await RawWebSocket.ConnectAsync(_host.Address, sid);
        await ws.SendAsync("2probe");
        Assert.Equal("3probe", await ws.ReceiveAsync());

        // The waiting GET is released with a noop so the client can pause polling.
        Assert.Equal((HttpStatusCode.OK, "6"), await pendingGet);
        await ws.SendAsync("5");
        await ws.SendAsync("42[\"echo\",\"upgraded\"]");
        Assert.Equal("42[\"echo\",\"upgraded\"]", await ws.ReceiveForAsync("42"));

        Assert.Equal(HttpStatusCode.BadRequest, (await polling.GetAsync(sid)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await polling.PostAsync(sid, "42[\"echo\",1]")).Status);
    }

    [Fact]
    public async Task PacketsQueuedDuringTheUpgrade_AreDeliveredOnTheWebSocket()
    {
        using var polling = _host.Polling();
        var sid = await polling.ConnectAsync();
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address, sid);
        await ws.SendAsync("2probe");
        Assert.Equal("3probe", await ws.ReceiveAsync());

        // Paused: the POST is still handled, its echo waits in the queue for the new transport.
        Assert.Equal(HttpStatusCode.OK, (await polling.PostAsync(sid, "42[\"echo\",\"in-between\"]")).Status);
        Assert.Equal((HttpStatusCode.OK, "6"), await polling.GetAsync(sid));
        await ws.SendAsync("5");

        Assert.Equal("42[\"echo\",\"in-between\"]", await ws.ReceiveForAsync("42"));
    }

    [Fact]
    public async Task BadProbe_ClosesTheWebSocket_AndTheSessionStaysOnPolling()
    {
        using var polling = _host.Polling();
        var sid = await polling.ConnectAsync();

        await using (var ws = await RawWebSocket.ConnectAsync(_host.Address, sid))
        {
            await ws.SendAsync("4hello");
            await ws.ReceiveCloseAsync();
        }

        await polling.PostAsync(sid, "42[\"echo\",\"polling\"]");
        Assert.Equal("42[\"echo\",\"polling\"]", await polling.PollForAsync(sid, "42"));
    }

    [Fact]
    public async Task UpgradeWithUnknownSid_Is400()
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawWebSocket.ConnectAsync(_host.Address, "unknown-sid"));

        Assert.Contains("400", error.Message);
    }

    [Fact]
    public async Task OversizeMessage_ClosesWithMessageTooBig()
    {
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address);
        await ws.ReceiveAsync();

        await ws.SendAsync("42[\"echo\",\"" + new string('x', 4096) + "\"]");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await ws.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("42[\"error\"]")]
    [InlineData("42[")]
    [InlineData("2")]
    public async Task GarbageFrame_ClosesThatSocketOnly(string frame)
    {
        await using var bystander = await RawWebSocket.ConnectAsync(_host.Address);
        await bystander.ReceiveAsync();
        await bystander.SendAsync("40{\"token\":\"ok\"}");
        await bystander.ReceiveForAsync("40");
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address);
        await ws.ReceiveAsync();
        await ws.SendAsync("40{\"token\":\"ok\"}");
        await ws.ReceiveForAsync("40");

        await ws.SendAsync(frame);

        await ws.ReceiveCloseAsync();
        await bystander.SendAsync("42[\"echo\",\"fine\"]");
        Assert.Equal("42[\"echo\",\"fine\"]", await bystander.ReceiveForAsync("42"));
    }

    [Fact]
    public async Task InvalidUtf8TextFrame_ClosesTheSocket()
    {
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address);
        await ws.ReceiveAsync();

        await ws.SendBytesAsync([0x34, 0x32, 0xC3, 0x28], WebSocketMessageType.Text);

        // The framework's WebSocket refuses the frame itself; either way the connection ends.
        await ws.ReceiveCloseAsync();
        Assert.NotEqual(WebSocketState.Open, ws.Socket.State);
    }

    [Fact]
    public async Task BinaryFrame_GetsTheBinaryRefusal_ThenAClose()
    {
        await using var ws = await RawWebSocket.ConnectAsync(_host.Address);
        await ws.ReceiveAsync();
        await ws.SendAsync("40{\"token\":\"ok\"}");
        await ws.ReceiveForAsync("40");

        await ws.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Equal("44{\"message\":\"Binary attachments are not supported\"}", await ws.ReceiveForAsync("44"));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.ReceiveCloseAsync());
    }
}
