using System.Net.WebSockets;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>Reads whole messages off a client socket the way browsers and the ws package do: a server close is answered.</summary>
public static class WebSocketMessages
{
    /// <summary>The next whole message into <paramref name="buffer"/> (its length), or null once the server closed (after answering the close).</summary>
    public static async Task<int?> ReceiveAsync(WebSocket socket, byte[] buffer)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType != WebSocketMessageType.Close)
        {
            return count;
        }

        if (socket.State == WebSocketState.CloseReceived)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }

        return null;
    }
}
