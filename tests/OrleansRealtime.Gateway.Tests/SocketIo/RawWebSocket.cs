using System.Net.WebSockets;
using System.Text;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>A ClientWebSocket speaking raw Engine.IO text frames, every receive with a timeout.</summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    public static async Task<RawWebSocket> ConnectAsync(Uri address, string? sid = null)
    {
        var raw = new RawWebSocket();
        var url = new Uri($"ws://{address.Authority}/socket.io/?EIO=4&transport=websocket" + (sid is null ? string.Empty : $"&sid={sid}"));
        await raw._socket.ConnectAsync(url, CancellationToken.None).WithTimeout();
        return raw;
    }

    public Task SendAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendBytesAsync(byte[] bytes, WebSocketMessageType type) =>
        _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None).WithTimeout();

    /// <summary>The next text message, or null when the server closed the socket.</summary>
    public async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None).WithTimeout();
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Reads until a message starting with <paramref name="prefix"/>, answering pings; null if the socket closes first.</summary>
    public async Task<string?> ReceiveForAsync(string prefix)
    {
        while (await ReceiveAsync() is { } message)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return message;
            }

            if (message == "2")
            {
                await SendAsync("3");
            }
        }

        return null;
    }

    /// <summary>Reads until the server closes; returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return _socket.CloseStatus;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
