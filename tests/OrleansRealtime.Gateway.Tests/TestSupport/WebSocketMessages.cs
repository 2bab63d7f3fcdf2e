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

    /// <summary>
    /// Closes a test client's socket the polite way (close frame, then wait for its read loop to see the server's
    /// answer), aborting when that does not finish within 5 s, and disposes it.
    /// </summary>
    public static async Task CloseAsync(WebSocket socket, Task readLoop)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }

            await readLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            socket.Abort();
        }

        socket.Dispose();
    }
}
