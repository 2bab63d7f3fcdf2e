using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// A real <see cref="ClientWebSocket"/> against the gateway, reading JSON text frames in the background into
/// a queue so tests can await "the next message" or "the next message of type X" with a timeout, and
/// observe the close code.
/// </summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly System.Threading.Channels.Channel<JsonElement> _inbox = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reader;

    private WsClient(ClientWebSocket socket, bool read)
    {
        _socket = socket;
        _reader = read ? ReadAsync() : Task.CompletedTask;
    }

    public WebSocket Socket => _socket;

    /// <summary>Every message received so far, in order (including the ones already taken).</summary>
    public List<JsonElement> Received { get; } = [];

    public int? CloseCode => (int?)_socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<WsClient> ConnectAsync(GatewayHost host, string pathAndQuery, string? token = null, Action<ClientWebSocketOptions>? configure = null, bool read = true)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        configure?.Invoke(socket.Options);
        var uri = new Uri(new Uri(host.Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), pathAndQuery);
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return new WsClient(socket, read);
    }

    /// <summary>Connects to <c>/ws</c> as <paramref name="userId"/> and takes <c>connection_established</c>.</summary>
    public static async Task<(WsClient Client, JsonElement Established)> ConnectEventsAsync(GatewayHost host, string userId, string query = "")
    {
        var client = await ConnectAsync(host, "/ws" + query, host.Tokens.Mint(new OrleansRealtime.Gateway.Auth.TokenRequest { Subject = userId }));
        var established = await client.NextAsync();
        Assert.Equal("connection_established", established.GetProperty("type").GetString());
        return (client, established);
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        return await _inbox.Reader.ReadAsync(cts.Token);
    }

    /// <summary>The next message of <paramref name="type"/>, skipping (and returning in <paramref name="skipped"/>) others.</summary>
    public async Task<JsonElement> NextOfTypeAsync(string type, List<JsonElement>? skipped = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync(cts.Token);
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }

            skipped?.Add(message);
        }
    }

    /// <summary>Waits until the server closed the socket; returns the close code.</summary>
    public async Task<int?> ClosedAsync()
    {
        await _reader.WaitAsync(TestTimeouts.Default);
        return CloseCode;
    }

    /// <summary>
    /// The next message of <paramref name="type"/>; collects the others into <paramref name="skipped"/>, leaving out
    /// <c>presence_updated</c>, which every connect and disconnect of the user's sockets causes.
    /// </summary>
    public async Task<JsonElement> NextOfTypeIgnoringPresenceAsync(string type, List<JsonElement> skipped)
    {
        var all = new List<JsonElement>();
        var found = await NextOfTypeAsync(type, all);
        skipped.AddRange(all.Where(m => m.GetProperty("type").GetString() != "presence_updated"));
        return found;
    }

    /// <summary>Messages already received and not taken yet.</summary>
    public List<JsonElement> Drain()
    {
        var list = new List<JsonElement>();
        while (_inbox.Reader.TryRead(out var m))
        {
            list.Add(m);
        }

        return list;
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

var element = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
                lock (Received)
                {
                    Received.Add(element);
                }

                _inbox.Writer.TryWrite(element);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync() => await WebSocketMessages.CloseAsync(_socket, _reader);
}
