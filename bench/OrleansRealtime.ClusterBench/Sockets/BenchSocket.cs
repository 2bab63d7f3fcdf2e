using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// One user's <c>/ws</c> socket, as docs/protocol.md tells a non-browser client to open it: the token as
/// <c>Authorization: Bearer</c>, <c>connection_established</c> first, then a <c>ping</c> so delivery starts at once
/// instead of after the resume window. Its one receive loop stamps each whole frame on arrival and hands bench
/// events to the recorder; every other frame (pong, presence updates) is ignored.
/// </summary>
internal sealed class BenchSocket : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private volatile bool _closing;

    private BenchSocket(ClientWebSocket socket, int index)
    {
        _socket = socket;
        Index = index;
    }

    public int Index { get; }

    /// <summary>Set when the socket ended before the bench closed it: how (close status, or the exception).</summary>
    public string? Lost { get; private set; }

    /// <summary>Connects and waits for <c>connection_established</c>, all within <paramref name="timeout"/>.</summary>
    public static async Task<BenchSocket> ConnectAsync(Uri endpoint, string token, int index, DeliveryRecorder recorder, TimeSpan timeout)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(endpoint, deadline.Token);
            var buffer = new byte[BufferBytes];
            int count = await ReceiveMessageAsync(socket, buffer, deadline.Token);
            if (count < 0 || !IsType(buffer.AsSpan(0, count), "connection_established"))
            {
                throw new WebSocketException($"socket {index}: the first message was not connection_established ({socket.CloseStatus} {socket.CloseStatusDescription})");
            }

            await socket.SendAsync("{\"type\":\"ping\",\"id\":\"start\"}"u8.ToArray(), WebSocketMessageType.Text, true, deadline.Token);
            var bench = new BenchSocket(socket, index);
            bench._loop = Task.Run(() => bench.ReceiveLoopAsync(buffer, recorder));
            return bench;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveLoopAsync(byte[] buffer, DeliveryRecorder recorder)
    {
        try
        {
            int count;
            while ((count = await ReceiveMessageAsync(_socket, buffer, _stop.Token)) >= 0)
            {
                // Stamped before parsing: the latency is the frame's arrival, not the bench's reading of it.
                long receivedAt = Stopwatch.GetTimestamp();
                if (ChunkFrame.TryRead(buffer.AsSpan(0, count), out int run, out long stamp, out int sequence))
                {
                    recorder.Record(Index, run, stamp, sequence, receivedAt);
                }
            }

            if (!_closing)
            {
                Lost = $"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!_closing)
            {
                Lost = $"{ex.GetType().Name}: {ex.Message}";
            }
        }
    }

    /// <summary>The length of the next whole message in <paramref name="buffer"/>, or -1 once the server closed.</summary>
    private static async Task<int> ReceiveMessageAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        int count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (count == buffer.Length)
            {
                throw new WebSocketException($"a message larger than {BufferBytes} bytes");
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return result.MessageType == WebSocketMessageType.Close ? -1 : count;
    }

    private static bool IsType(ReadOnlySpan<byte> frame, string type)
    {
        var reader = new Utf8JsonReader(frame);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(type);
    }

    /// <summary>Closes (the server answers, ending the receive loop), and aborts what is left after a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The bench is done with it either way.
        }

        await _loop.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        await _stop.CancelAsync();
        _socket.Abort();
        await _loop.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
    }
}
