using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// Raw Engine.IO/Socket.IO text frames over a <see cref="ClientWebSocket"/> against the gateway, for what the stock
/// client never sends. A background reader answers pings and queues every other packet, so a test can await "the
/// next event named X" or the close. A packet a wait passed over stays for the next wait (events replayed before
/// the CONNECT reply come first, for instance). Every wait has a timeout.
/// </summary>
public sealed class RawRealtimeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
    private readonly List<string> _passedOver = [];
    private Task _reader = Task.CompletedTask;

    /// <summary>Every packet received (pings excepted), in order.</summary>
    public List<string> Packets { get; } = [];

    /// <summary>The CONNECT reply (<c>40{...}</c>) or refusal (<c>44{...}</c>).</summary>
    public string ConnectReply { get; private set; } = string.Empty;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Opens a WebSocket session and sends CONNECT with <paramref name="auth"/> (a JSON object); waits for the answer.</summary>
    public static async Task<RawRealtimeClient> ConnectAsync(GatewayHost host, string auth, string query = "")
    {
        var client = new RawRealtimeClient();
        var url = new Uri($"ws://{host.Address.Authority}/socket.io/?EIO=4&transport=websocket{query}");
        await client._socket.ConnectAsync(url, CancellationToken.None).WithTimeout();
        client._reader = client.ReadAsync();
        var open = await client.NextAsync();
        Assert.StartsWith("0{", open);
        await client.SendAsync("40" + auth);
        client.ConnectReply = await client.NextMatchingAsync(p => p.StartsWith("40", StringComparison.Ordinal) || p.StartsWith("44", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Connects with <c>auth.token</c> and joins <paramref name="wallet"/> with an ack; asserts the join succeeded.</summary>
    public static async Task<RawRealtimeClient> JoinAsync(GatewayHost host, string token, string wallet)
    {
        var client = await ConnectAsync(host, JsonSerializer.Serialize(new { token }));
        Assert.StartsWith("40{\"sid\":", client.ConnectReply);
        await client.SendAsync($"421[\"join\",{JsonSerializer.Serialize(wallet)}]");
        var ack = await client.NextMatchingAsync(p => p.StartsWith("431[", StringComparison.Ordinal));
        Assert.Contains("\"ok\":true", ack);
        return client;
    }

    /// <summary>The pid of the CONNECT reply.</summary>
    public string Pid => JsonDocument.Parse(ConnectReply[2..]).RootElement.GetProperty("pid").GetString()!;

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WithTimeout();

    public async Task<string> NextAsync()
    {
        try
        {
            return await _inbox.Reader.ReadAsync().AsTask().WithTimeout();
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the socket closed ({_socket.CloseStatus}); packets so far:\n{string.Join('\n', Packets)}");
        }
    }

    /// <summary>The first packet, passed over or new, that matches; the others stay for the next wait.</summary>
    public async Task<string> NextMatchingAsync(Func<string, bool> match)
    {
        var index = _passedOver.FindIndex(p => match(p));
        if (index >= 0)
        {
            var found = _passedOver[index];
            _passedOver.RemoveAt(index);
            return found;
        }

        while (true)
        {
            var packet = await NextAsync();
            if (match(packet))
            {
                return packet;
            }

            _passedOver.Add(packet);
        }
    }

    /// <summary>The arguments of the next EVENT named <paramref name="name"/>.</summary>
    public async Task<JsonElement[]> NextEventAsync(string name)
    {
        var prefix = "42[" + JsonSerializer.Serialize(name) + ",";
        var packet = await NextMatchingAsync(p => p.StartsWith(prefix, StringComparison.Ordinal));
        return [.. JsonDocument.Parse(packet[2..]).RootElement.EnumerateArray().Skip(1).Select(e => e.Clone())];
    }

    /// <summary>Waits until the server ends the session (close frame or engine close); true when it did.</summary>
    public async Task<bool> ClosedAsync()
    {
        await _reader.WithTimeout();
        return true;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                if (await WebSocketMessages.ReceiveAsync(_socket, buffer) is not { } count)
                {
                    return;
                }

var packet = Encoding.UTF8.GetString(buffer, 0, count);
                if (packet == "2")
                {
                    await SendAsync("3");
                    continue;
                }

                lock (Packets)
                {
                    Packets.Add(packet);
                }

                _inbox.Writer.TryWrite(packet);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync() => await WebSocketMessages.CloseAsync(_socket, _reader);
}
