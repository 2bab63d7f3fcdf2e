using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>
/// The stock npm socket.io-client (pinned in tests/interop/package.json) against the endpoint on a real
/// Kestrel: tests/interop/socketio-client.js runs one scenario and prints what it observed as JSON lines.
/// </summary>
public sealed class SocketIoClientInteropTests : IAsyncLifetime
{
    private SocketIoTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SocketIoTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConnectWithAuth_GetsAnId_AndEchoes()
    {
        var lines = await RunAsync("auth-ok");

        var connect = Line(lines, "connect");
        Assert.Equal(await _host.Handler.Accepted.Reader.ReadAsync().AsTask().WithTimeout(), connect.GetProperty("id").GetString());
        Assert.False(connect.GetProperty("recovered").GetBoolean());
        var echo = Line(lines, "echo");
        Assert.Equal("""["hello",{"n":1}]""", echo.GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task RefusedConnect_IsAConnectErrorWithMessageAndData()
    {
        var lines = await RunAsync("auth-bad", new Dictionary<string, string> { ["SIO_TOKEN"] = "wrong" });

        var error = Line(lines, "connect_error");
        Assert.Equal("unauthorized", error.GetProperty("message").GetString());
        Assert.Equal("invalid_token", error.GetProperty("data").GetProperty("code").GetString());
        Assert.Empty(_host.Handler.Sockets);
    }

    [Fact]
    public async Task ClientEmitWithAck_GetsTheServersAnswer()
    {
        var lines = await RunAsync("client-ack");

        Assert.Equal("""[{"n":1},"two"]""", Line(lines, "ack").GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task ServerEmitWithAck_GetsTheClientsAnswer()
    {
        var lines = await RunAsync("server-ack");

        Assert.Equal("""[{"answer":42}]""", Line(lines, "answer").GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task PollingOnly_RoundTripsInOrder()
    {
        var lines = await RunAsync("round-trips", new Dictionary<string, string> { ["SIO_TRANSPORTS"] = "polling" });

        var echoes = Line(lines, "echoes");
        Assert.Equal(20, echoes.GetProperty("count").GetInt32());
        Assert.Equal("polling", echoes.GetProperty("transport").GetString());
    }

    [Fact]
    public async Task WebSocketOnly_RoundTripsInOrder()
    {
        var lines = await RunAsync("round-trips", new Dictionary<string, string> { ["SIO_TRANSPORTS"] = "websocket" });

        var echoes = Line(lines, "echoes");
        Assert.Equal(20, echoes.GetProperty("count").GetInt32());
        Assert.Equal("websocket", echoes.GetProperty("transport").GetString());
    }

    [Fact]
    public async Task DefaultTransports_UpgradeFromPollingToWebSocket()
    {
        var lines = await RunAsync("upgrade");

        Assert.Equal("polling", Line(lines, "open").GetProperty("transport").GetString());
        Assert.Equal("websocket", Line(lines, "upgrade").GetProperty("transport").GetString());
        var echo = Line(lines, "echo");
        Assert.Equal("""["after-upgrade"]""", echo.GetProperty("args").GetRawText());
        Assert.Equal("websocket", echo.GetProperty("transport").GetString());
    }

    [Fact]
    public async Task ServerDisconnect_IsIoServerDisconnect()
    {
        var lines = await RunAsync("server-disconnect");

        Assert.Equal("io server disconnect", Line(lines, "disconnect").GetProperty("reason").GetString());
        var (_, reason) = await _host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("server namespace disconnect", reason);
    }

    [Fact]
    public async Task ServerDisconnect_OverPolling_IsIoServerDisconnect()
    {
        // On polling the DISCONNECT and the close packet could share a poll response; the client must still see the DISCONNECT.
        var lines = await RunAsync("server-disconnect", new Dictionary<string, string> { ["SIO_TRANSPORTS"] = "polling" });

        Assert.Equal("io server disconnect", Line(lines, "disconnect").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WrongNamespace_IsInvalidNamespace()
    {
        var lines = await RunAsync("namespace");

        Assert.Equal("Invalid namespace", Line(lines, "connect_error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task TrailingOffset_ReachesTheClientAsTheLastArgument()
    {
        var lines = await RunAsync("offset");

        Assert.Equal("""[{"seq":7},"epoch1-7"]""", Line(lines, "tick").GetProperty("args").GetRawText());
    }

    private async Task<IReadOnlyList<JsonElement>> RunAsync(string scenario, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var node = NodeScript.Start("socketio-client.js", [_host.Address.ToString().TrimEnd('/'), scenario], environment);
        var (lines, exitCode) = await node.RunToEndAsync();
        Assert.True(exitCode == 0, $"node exited with {exitCode}:\n{node.Output}");
        return lines;
    }

    private static JsonElement Line(IReadOnlyList<JsonElement> lines, string eventName) =>
        lines.FirstOrDefault(l => l.GetProperty("event").GetString() == eventName) is { ValueKind: JsonValueKind.Object } line
            ? line
            : throw new Xunit.Sdk.XunitException($"no '{eventName}' line in:\n{string.Join('\n', lines.Select(l => l.GetRawText()))}");
}
