using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// A raw <c>/ws</c> client as docs/protocol.md §8 tells one to be written: it keeps the <c>(epoch, seq)</c> of the last
/// stream event it got, and when its socket is lost it reconnects with <c>?last_seq=&amp;epoch=</c>, to the same gateway
/// first and to the next one when that fails. It deliberately does NOT de-duplicate: it records every
/// <c>balance:update</c> as it arrives, so the test sees any duplicate or reordering the server lets through, and
/// every <c>resync_required</c>.
/// </summary>
public sealed class ResumingClient : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private readonly string _token;
    private readonly IReadOnlyList<RealtimeProcess> _gateways;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedEvent> _events = [];
    private readonly List<string> _resyncs = [];
    private readonly List<string> _log = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _gateway;
    private (long Epoch, long Seq)? _position;
    private int _connections;
    private Task _loop = Task.CompletedTask;

    public ResumingClient(string name, string token, IReadOnlyList<RealtimeProcess> gateways, int firstGateway)
    {
        Name = name;
        _token = token;
        _gateways = gateways;
        _gateway = firstGateway;
    }

    public string Name { get; }

    /// <summary>Connections after the first one, each a resume from the client's last position.</summary>
    public int Resumes { get { lock (_lock) { return Math.Max(0, _connections - 1); } } }

    public IReadOnlyList<ReceivedEvent> Events { get { lock (_lock) { return [.. _events]; } } }

    public IReadOnlyList<string> Resyncs { get { lock (_lock) { return [.. _resyncs]; } } }

    /// <summary>What happened to the connections (connects, losses, failed attempts), for the report and the failure log.</summary>
    public IReadOnlyList<string> History { get { lock (_lock) { return [.. _log]; } } }

    /// <summary>Opens the first socket (waits for <c>connection_established</c>), then keeps one open until disposed.</summary>
    public async Task StartAsync()
    {
        var first = await ConnectAsync(_gateways[_gateway]).WaitAsync(ConnectTimeout * 2);
        _loop = Task.Run(() => RunAsync(first));
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the events received so far; re-checked on every frame.</summary>
    public async Task<bool> WaitUntilAsync(Func<IReadOnlyList<ReceivedEvent>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_events))
                {
                    return true;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private async Task RunAsync(ClientWebSocket socket)
    {
        while (!_stop.IsCancellationRequested)
        {
            var gateway = _gateways[_gateway];
            await ReadAsync(socket, gateway);
            socket.Dispose();
            Note($"lost the socket to {gateway.Name}");

            // Reconnect and resume: the same gateway first; on each failed attempt, the next one.
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    socket = await ConnectAsync(_gateways[_gateway]);
                    break;
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    Note($"could not connect to {_gateways[_gateway].Name}: {ex.GetType().Name}: {ex.Message}");
                    _gateway = (_gateway + 1) % _gateways.Count;
                    await Task.Delay(RetryDelay, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
    }

    /// <summary>Connects, resuming from the last position when there is one, and reads up to <c>connection_established</c>.</summary>
    private async Task<ClientWebSocket> ConnectAsync(RealtimeProcess gateway)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _token);
        (long Epoch, long Seq)? position;
        lock (_lock)
        {
            position = _position;
        }

        var query = position is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"?last_seq={p.Seq}&epoch={p.Epoch}")
            : string.Empty;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(new Uri(gateway.WebSocketAddress, "/ws" + query), timeout.Token);
            var buffer = new byte[1 << 16];
            var first = await ReceiveAsync(socket, buffer, timeout.Token)
                ?? throw new WebSocketException($"closed before connection_established ({socket.CloseStatus} {socket.CloseStatusDescription})");
            if (first.GetProperty("type").GetString() != "connection_established")
            {
                throw new WebSocketException($"the first message was {first}");
            }

            lock (_lock)
            {
                _connections++;

                // A fresh client takes the stream's position at connect as its resume point (protocol §3).
                if (_position is null)
                {
                    var data = first.GetProperty("data");
                    _position = (data.GetProperty("epoch").GetInt64(), data.GetProperty("seq").GetInt64());
                }

                _log.Add($"{Now} connection {_connections} to {gateway.Name}{(query.Length > 0 ? " resuming " + query : "")}");
            }

            if (position is null)
            {
                // Any first message starts delivery at once instead of after the resume window.
                await socket.SendAsync("{\"type\":\"ping\",\"id\":\"start\"}"u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReadAsync(ClientWebSocket socket, RealtimeProcess gateway)
    {
        var buffer = new byte[1 << 16];
        int connection;
        lock (_lock)
        {
            connection = _connections;
        }

        try
        {
            while (await ReceiveAsync(socket, buffer, _stop.Token) is { } message)
            {
                OnMessage(message, connection, gateway.Name);
            }

            Note($"closed by {gateway.Name}: {socket.CloseStatus} {socket.CloseStatusDescription}");
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Note($"socket to {gateway.Name} failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private void OnMessage(JsonElement message, int connection, string gateway)
    {
        var type = message.GetProperty("type").GetString();
        lock (_lock)
        {
            if (type == "resync_required")
            {
                var data = message.GetProperty("data");
                _resyncs.Add($"{Now} connection {connection} on {gateway}: {message}");
                _position = (data.GetProperty("epoch").GetInt64(), data.GetProperty("seq").GetInt64());
            }
            else if (message.TryGetProperty("seq", out var seq) && message.TryGetProperty("epoch", out var epoch))
            {
                _position = (epoch.GetInt64(), seq.GetInt64());
                if (type == "balance:update")
                {
                    var marker = message.GetProperty("data").GetProperty("balance").GetInt64();
                    _events.Add(new ReceivedEvent(marker, message.GetProperty("id").GetString()!, seq.GetInt64(), epoch.GetInt64(), connection, gateway));
                }
            }

            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    private void Note(string line)
    {
        lock (_lock)
        {
            _log.Add($"{Now} {line}");
        }
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The next whole text message, or null once the server closed (after answering its close).</summary>
    private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (count == buffer.Length)
            {
                throw new WebSocketException("message larger than the test client's buffer");
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }

            return null;
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, count)).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
