using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using OrleansRealtime.LoadHarness.Clients;
using OrleansRealtime.LoadHarness.Hosting;
using OrleansRealtime.LoadHarness.Metrics;
using OrleansRealtime.LoadHarness.Targets;

namespace OrleansRealtime.LoadHarness;

/// <summary>
/// One run against one target: the sockets, their receive loops, the publisher, and the scenarios
/// (<c>LoadRun.Scenarios.cs</c>). Every socket has one receive loop; the harness clock is
/// <see cref="Stopwatch"/> in µs, the same clock that stamps the payload markers.
/// </summary>
public sealed partial class LoadRun
{
    private readonly HarnessOptions _options;
    private readonly Target _target;
    private readonly TextWriter _log;
    private readonly HttpMessageInvoker _socketInvoker;
    private readonly HttpClient _http;
    private readonly IPAddress[] _sources;
    private readonly List<LoadClient> _clients = [];
    private readonly Dictionary<string, object?> _results = new(StringComparer.Ordinal);
    private readonly Task[] _receiveLoops;
    private TaskCompletionSource?[] _chatDone = [];
    private ScenarioStats _current = new();
    private long _sourceTurn;
    private long _connectFailures;
    private long _unexpectedDrops;
    private bool _aborting;
    private int _serverPid;

    public LoadRun(HarnessOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
        _target = Target.Create(options.Target, options.Port);
        _sources = [.. Enumerable.Range(0, Math.Max(1, options.Sources)).Select(i => IPAddress.Parse(options.Sources <= 1 ? "127.0.0.1" : $"127.0.0.{i + 2}"))];
        _socketInvoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectCallback = ConnectFromNextSourceAsync,
        });
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };
        _receiveLoops = new Task[options.Sockets];
        for (var i = 0; i < options.Sockets; i++)
        {
            _clients.Add(new LoadClient(i, i / 2));
        }
    }

    public static long NowMicros() => Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000);

    public int Users => (_options.Sockets + 1) / 2;

    public async Task<Dictionary<string, object?>> RunAsync()
    {
        Directory.CreateDirectory(_options.Out);
        _results["target"] = _target.Name;
        _results["sockets"] = _options.Sockets;
        _results["started_utc"] = DateTime.UtcNow.ToString("O");
        _results["server_env"] = string.Join(",", _options.ServerEnv);
        _results["load_average_start"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
        await using var server = await ServerProcess.StartAsync(_target, _options.Repo, Path.Combine(_options.Out, $"{_target.Name}-server.log"), _http, _options.ServerEnv);
        _serverPid = server.Pid;
        _log.WriteLine($"[{_target.Name}] server pid {server.Pid} on {_target.BaseUrl}");
        using var keepAlive = StartKeepAlive();

        await ConnectPhaseAsync();
        foreach (var scenario in _options.Scenarios)
        {
            if (server.HasExited)
            {
                _log.WriteLine($"[{_target.Name}] server exited; skipping {scenario}");
                break;
            }

            _log.WriteLine($"[{_target.Name}] scenario {scenario}");
            switch (scenario)
            {
                case "idle": await IdleAsync(); break;
                case "peruser":
                    foreach (var rate in _options.Rates)
                    {
                        await PerUserAsync(rate);
                    }

                    break;
                case "broadcast": _results["broadcast"] = await BroadcastAsync(_options.Seconds, "broadcast"); break;
                case "ai": await ChatAsync(); break;
                case "storm": await StormAsync(); break;
                case "none": break;
                default: throw new ArgumentException($"unknown scenario '{scenario}'");
            }
        }

        _results["connect_failures"] = Interlocked.Read(ref _connectFailures);
        _results["unexpected_drops"] = Interlocked.Read(ref _unexpectedDrops);
        _results["server_rss_end_mb"] = ProcessStats.RssBytes(_serverPid) / 1048576.0;
        _results["load_average_end"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
        _aborting = true;
        foreach (var c in _clients)
        {
            c.Socket?.Abort();
        }

        return _results;
    }

    private ScenarioStats Fresh()
    {
        var stats = new ScenarioStats();
        Volatile.Write(ref _current, stats);
        return stats;
    }

    // Spreads the sockets over the loopback source addresses; IP_BIND_ADDRESS_NO_PORT lets the kernel pick the
    // port at connect time, per 4-tuple, so each source address gives a whole port range.
    private async ValueTask<Stream> ConnectFromNextSourceAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var source = _sources[(int)(Interlocked.Increment(ref _sourceTurn) % _sources.Length)];
            if (_sources.Length > 1)
            {
                socket.SetRawSocketOption(0 /* SOL_IP */, 24 /* IP_BIND_ADDRESS_NO_PORT */, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="client"/>'s socket and waits until its protocol says it is ready. It retries with
    /// a growing, jittered back-off (as a real client does) up to <paramref name="attempts"/> times, and never
    /// past <paramref name="deadline"/>.
    /// </summary>
    private async Task<bool> ConnectAsync(LoadClient client, int attempts = 3, CancellationToken deadline = default)
    {
        for (var attempt = 0; attempt < attempts && !deadline.IsCancellationRequested; attempt++)
        {
            var ws = new ClientWebSocket();
            ws.Options.KeepAliveInterval = TimeSpan.Zero; // the servers ping; ClientWebSocket answers
            ws.Options.SetBuffer(1024, 1024);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await ws.ConnectAsync(_target.SocketUri(client), _socketInvoker, timeout.Token);
                client.Socket = ws;
                _receiveLoops[client.Index] = ReceiveLoopAsync(client, ws);
                await _target.OnOpenAsync(client, timeout.Token);
                await client.WhenReady.WaitAsync(timeout.Token);
                return true;
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException or IOException)
            {
                ws.Abort();
                ws.Dispose();
                if (attempt == attempts - 1 || deadline.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref _connectFailures) <= 5)
                    {
                        _log.WriteLine($"  connect failed: {client.UserId}: {e.GetType().Name}: {e.Message}");
                    }

                    return false;
                }

                var backoff = Math.Min(2000, 200 << Math.Min(attempt, 4));
                try
                {
                    await Task.Delay(backoff / 2 + Random.Shared.Next(backoff / 2), deadline);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>Connects clients [from, to) with bounded concurrency, printing progress every second; returns ready count.</summary>
    private async Task<int> ConnectRangeAsync(int from, int to, int concurrency, string label)
    {
        var next = from - 1;
        var ready = 0;
        var started = Stopwatch.StartNew();
        using var progress = new Timer(_ =>
        {
            var r = Volatile.Read(ref ready);
            _log.WriteLine($"  [{label}] {r}/{to - from} ready, {r / started.Elapsed.TotalSeconds:F0}/s, failed {Interlocked.Read(ref _connectFailures)}, server RSS {ProcessStats.RssBytes(_serverPid) / 1048576} MB");
        }, null, 1000, 1000);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < to)
            {
                if (await ConnectAsync(_clients[i]))
                {
                    Interlocked.Increment(ref ready);
                }
            }
        });
        await Task.WhenAll(workers);
        return ready;
    }

    private async Task ReceiveLoopAsync(LoadClient client, ClientWebSocket ws)
    {
        await Task.Yield();
        var buffer = new byte[1024];
        var length = 0;
        try
        {
            while (true)
            {
                var result = await ws.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    continue;
                }

                var reply = OnFrame(client, buffer.AsSpan(0, length));
                length = 0;
                if (reply is not null)
                {
                    await ws.SendAsync(new ReadOnlyMemory<byte>(reply), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }

        if (!_aborting && ws == client.Socket && client.Ready)
        {
            if (Interlocked.Increment(ref _unexpectedDrops) <= 5)
            {
                _log.WriteLine($"  socket of {client.UserId} closed by the server: {ws.CloseStatus} {ws.CloseStatusDescription}");
            }
        }
    }

    private byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame)
    {
        var reply = _target.OnFrame(client, frame);
        var now = NowMicros();
        var stats = Volatile.Read(ref _current);
        var position = 0;
        while ((position = Marker.TryRead(frame, position, out var marker)) >= 0)
        {
            switch (marker.Kind)
            {
                case (byte)'U':
                    stats.Latency.Record(now - marker.T);
                    client.TrackUserEvent(marker.K);
                    break;
                case (byte)'B':
                    stats.Latency.Record(now - marker.T);
                    break;
                case (byte)'C':
                    if (marker.T != client.ChatT)
                    {
                        client.ChatT = marker.T;
                        client.ChatEnded = false;
                        stats.ChatFirst.Record(now - marker.T);
                    }

                    if (!client.ChatEnded && _target.EndsChat(frame, marker.K, _options.Chunks))
                    {
                        client.ChatEnded = true;
                        stats.ChatDone.Record(now - marker.T);
                        var chats = _chatDone;
                        if (client.User < chats.Length)
                        {
                            chats[client.User]?.TrySetResult();
                        }
                    }

                    break;
            }

            Interlocked.Increment(ref stats.Deliveries);
            Volatile.Write(ref stats.LastDeliveryMicros, now);
        }

        return reply;
    }

    /// <summary>SignalR's client ping: every socket once per 30 s, spread evenly (a slice every second).</summary>
    private Timer? StartKeepAlive()
    {
        if (_target.KeepAliveFrame is not { } frame)
        {
            return null;
        }

        var slice = 0;
        return new Timer(_ =>
        {
            var s = slice++ % 30;
            for (var i = s; i < _clients.Count; i += 30)
            {
                var c = _clients[i];
                if (c.Ready && c.Socket is { State: WebSocketState.Open } ws)
                {
                    _ = ws.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
        }, null, 1000, 1000);
    }
}
