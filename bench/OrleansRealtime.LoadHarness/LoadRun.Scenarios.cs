using System.Diagnostics;
using System.Globalization;
using OrleansRealtime.LoadHarness.Clients;
using OrleansRealtime.LoadHarness.Metrics;

namespace OrleansRealtime.LoadHarness;

public sealed partial class LoadRun
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>The storm gives up after this long: sockets not back by then count as not recovered.</summary>
    private static readonly TimeSpan StormDeadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Connects every socket, pausing at each checkpoint to read the server's RSS (after a short settle) and,
    /// with --ladder, to run a short broadcast. Memory per socket is (RSS − RSS after a small warm-up) / the
    /// sockets added since, so start-up and JIT are not counted against the sockets.
    /// </summary>
    private async Task ConnectPhaseAsync()
    {
        var warm = Math.Min(500, Math.Max(2, _options.Sockets / 20));
        warm -= warm % 2;
        await ConnectRangeAsync(0, warm, Math.Min(_options.Concurrency, warm), "warm-up");
        await Task.Delay(Settle);
        var baseRss = ProcessStats.RssBytes(_serverPid);
        _results["server_rss_warm_mb"] = baseRss / 1048576.0;
        _results["warm_sockets"] = warm;

        var checkpoints = new List<Dictionary<string, object?>>();
        var ladder = new List<Dictionary<string, object?>>();
        var connected = warm;
        var totalClock = Stopwatch.StartNew();
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        var connectSeconds = 0.0;
        foreach (var checkpoint in _options.Checkpoints)
        {
            var clock = Stopwatch.StartNew();
            await ConnectRangeAsync(connected, checkpoint, _options.Concurrency, $"connect to {checkpoint}");
            var seconds = clock.Elapsed.TotalSeconds;
            connectSeconds += seconds;
            var added = checkpoint - connected;
            connected = checkpoint;
            await Task.Delay(Settle);
            var rss = ProcessStats.RssBytes(_serverPid);
            var ready = _clients.Count(c => c.Ready);
            var point = new Dictionary<string, object?>
            {
                ["sockets"] = checkpoint,
                ["ready"] = ready,
                ["server_rss_mb"] = rss / 1048576.0,
                ["kb_per_socket"] = (rss - baseRss) / 1024.0 / Math.Max(1, ready - warm),
                ["connect_per_s"] = added / seconds,
            };
            checkpoints.Add(point);
            _log.WriteLine($"  checkpoint {checkpoint}: {ready} ready, RSS {rss / 1048576} MB, {point["kb_per_socket"]:F2} KB/socket, {added / seconds:F0} connects/s");
            if (_options.Ladder)
            {
                var b = await BroadcastAsync(_options.LadderSeconds, $"ladder at {checkpoint}");
                b["sockets"] = checkpoint;
                ladder.Add(b);
            }
        }

        _results["connect_per_s"] = (_options.Sockets - warm) / connectSeconds;
        _results["connect_server_cpu_cores"] = cpu.Cores();
        _results["checkpoints"] = checkpoints;
        if (ladder.Count > 0)
        {
            _results["ladder"] = ladder;
        }
    }

    /// <summary>Idle: every socket open, nothing published; the server's CPU is what keeping them costs (pings, timers).</summary>
    private async Task IdleAsync()
    {
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        await Task.Delay(TimeSpan.FromSeconds(_options.Seconds));
        _results["idle"] = new Dictionary<string, object?>
        {
            ["sockets"] = _clients.Count(c => c.Ready),
            ["server_cpu_cores"] = cpu.Cores(),
            ["server_rss_mb"] = ProcessStats.RssBytes(_serverPid) / 1048576.0,
        };
    }

    /// <summary>Per-user events at <paramref name="rate"/>/s, round-robin over the users, each user on 2 sockets.</summary>
    private async Task PerUserAsync(int rate)
    {
        // Two seconds at the rate first, not counted: connections to the publish endpoint, JIT, pools.
        var users = Users;
        var warm = Stopwatch.StartNew();
        await OpenLoopAsync(rate, () => warm.Elapsed.TotalSeconds < 2, i => NextUserEvent(i, users));
        await SettleAsync(_current, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        var stats = Fresh();
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        var self = new ProcessStats.CpuWindow(Environment.ProcessId);
        var start = NowMicros();
        var clock = Stopwatch.StartNew();
        using var progress = Progress(stats, $"peruser {rate}/s");
        var published = await OpenLoopAsync(rate, () => clock.Elapsed.TotalSeconds < _options.Seconds, i => NextUserEvent(i, users));
        await SettleAsync(stats, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        var result = Summary(stats, start, cpu, self);
        result["rate"] = rate;
        result["published"] = published.Sent;
        result["skipped"] = published.Skipped;
        result["publish_errors"] = published.Errors;
        result["first_publish_error"] = published.FirstError;
        result["expected_deliveries"] = published.Sent * 2;
        result["missing"] = _clients.Sum(c => (long)(c.Missing?.Count ?? 0));
        WriteCdf(stats.Latency, $"peruser-{rate}");
        _results[$"peruser_{rate}"] = result;
        _log.WriteLine($"  peruser {rate}/s: {Line(result)}");
    }

    /// <summary>
    /// Broadcast to every socket, closed loop: a new broadcast goes out while fewer than --window are still
    /// being delivered, so the figure is what the server sustains, not what the publisher offers.
    /// </summary>
    private async Task<Dictionary<string, object?>> BroadcastAsync(double seconds, string label)
    {
        var stats = Fresh();
        var n = _clients.Count(c => c.Ready);
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        var self = new ProcessStats.CpuWindow(Environment.ProcessId);
        var counters = new PublishCounters();
        var start = NowMicros();
        var clock = Stopwatch.StartNew();
        using var progress = Progress(stats, label);
        long published = 0;
        var waitingSince = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var delivered = Interlocked.Read(ref stats.Deliveries);
            if (delivered >= (published - _options.Window + 1) * (long)n * 99 / 100 || waitingSince.Elapsed > TimeSpan.FromSeconds(2))
            {
                _ = FireAsync(_target.Broadcast(Marker.Format('B', NowMicros(), published)), counters, null);
                published++;
                waitingSince.Restart();
            }
            else
            {
                await Task.Delay(1);
            }
        }

        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref stats.Deliveries) < published * n && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        await SettleAsync(stats, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        var result = Summary(stats, start, cpu, self);
        result["sockets"] = n;
        result["broadcasts"] = published;
        result["publish_errors"] = counters.Errors;
        result["first_publish_error"] = counters.FirstError;
        result["expected_deliveries"] = published * n;
        WriteCdf(stats.Latency, label.Replace(' ', '-'));
        _log.WriteLine($"  {label}: {Line(result)}");
        return result;
    }

    /// <summary>
    /// AI chunk streaming: --chats users each run one chat after another for --seconds; ours answers with its
    /// local model (the real conversation grain path), a peer streams --chunks frames back to back.
    /// </summary>
    private async Task ChatAsync()
    {
        var stats = Fresh();
        var chats = Math.Min(_options.Chats, Users);
        _chatDone = new TaskCompletionSource?[Users];
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        var self = new ProcessStats.CpuWindow(Environment.ProcessId);
        var counters = new PublishCounters();
        var start = NowMicros();
        var clock = Stopwatch.StartNew();
        long responses = 0, timeouts = 0;
        using var progress = Progress(stats, "ai chats");
        await Task.WhenAll(Enumerable.Range(0, chats).Select(async user =>
        {
            await Task.Delay(Random.Shared.Next(200)); // do not start every chat in the same millisecond
            while (clock.Elapsed.TotalSeconds < _options.Seconds)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _chatDone[user] = done;
                var before = Interlocked.Read(ref counters.Errors);
                await FireAsync(_target.StartChat($"u{user}", Marker.Format('C', NowMicros(), 0), _options.Chunks), counters, null);
                if (Interlocked.Read(ref counters.Errors) != before)
                {
                    await Task.Delay(100);
                    continue;
                }

                try
                {
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(15));
                    Interlocked.Increment(ref responses);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref timeouts);
                }
            }
        }));
        await SettleAsync(stats, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        var result = Summary(stats, start, cpu, self);
        result["chats"] = chats;
        result["responses"] = responses;
        result["timeouts"] = timeouts;
        result["publish_errors"] = counters.Errors;
        result["first_publish_error"] = counters.FirstError;
        result["frames_per_response_per_socket"] = responses == 0 ? 0 : Interlocked.Read(ref stats.Deliveries) / 2.0 / responses;
        result["first_frame_p50_ms"] = stats.ChatFirst.PercentileMs(0.50);
        result["first_frame_p99_ms"] = stats.ChatFirst.PercentileMs(0.99);
        result["complete_p50_ms"] = stats.ChatDone.PercentileMs(0.50);
        result["complete_p99_ms"] = stats.ChatDone.PercentileMs(0.99);
        _results["ai"] = result;
        _log.WriteLine($"  ai: {Line(result)}");
    }

    /// <summary>
    /// Reconnect storm: per-user events flow to the first --storm sockets; all of them are dropped at once and
    /// reconnect straight away, resuming from their last position where the protocol can (ours: last_seq and
    /// epoch; socket.io: pid and offset). Recovery is the time until every socket is back and has every event
    /// its user was sent before the drop; a gap is an event counter a socket never received.
    /// </summary>
    private async Task StormAsync()
    {
        var stormSockets = _options.Storm - (_options.Storm % 2);
        var stormUsers = stormSockets / 2;
        var clients = _clients.Take(stormSockets).Where(c => c.Ready).ToList();
        foreach (var c in clients)
        {
            c.Missing = null;
            c.Duplicates = 0;
        }

        var stats = Fresh();
        var cpu = new ProcessStats.CpuWindow(_serverPid);
        var publishing = true;
        using var progress = Progress(stats, "storm");
        var publisher = OpenLoopAsync(_options.StormRate, () => Volatile.Read(ref publishing), i => NextUserEvent(i, stormUsers));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var dropClock = Stopwatch.StartNew();
        var kAtDrop = UserK.Take(stormUsers).ToArray();
        _aborting = true;
        foreach (var c in clients)
        {
            c.Socket?.Abort();
        }

        await Task.WhenAll(clients.Select(c => _receiveLoops[c.Index] ?? Task.CompletedTask)).WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var c in clients)
        {
            c.Socket?.Dispose();
            c.ResetForReconnect();
        }

        _aborting = false;
        var reconnected = 0;
        var next = -1;
        using var stormDeadline = new CancellationTokenSource(StormDeadline);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(1000, clients.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < clients.Count)
            {
                if (await ConnectAsync(clients[i], int.MaxValue, stormDeadline.Token))
                {
                    Interlocked.Increment(ref reconnected);
                }
            }
        }));
        var reconnectSeconds = dropClock.Elapsed.TotalSeconds;
        double? caughtUpSeconds = null;
        while (dropClock.Elapsed < StormDeadline)
        {
            if (clients.All(c => !c.Ready || c.LastK >= kAtDrop[c.User] - 1))
            {
                caughtUpSeconds = dropClock.Elapsed.TotalSeconds;
                break;
            }

            await Task.Delay(20);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Volatile.Write(ref publishing, false);
        var published = await publisher;
        await SettleAsync(stats, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        var finalK = UserK;
        var result = new Dictionary<string, object?>
        {
            ["sockets"] = clients.Count,
            ["reconnected"] = reconnected,
            ["reconnect_s"] = reconnected == clients.Count ? reconnectSeconds : null,
            ["recovered_s"] = caughtUpSeconds,
            ["resumes"] = _target.Resumes,
            ["published"] = published.Sent,
            ["publish_errors"] = published.Errors,
            ["missing_events"] = clients.Sum(c => (long)(c.Missing?.Count ?? 0)),
            ["sockets_with_gap"] = clients.Count(c => c.Missing is { Count: > 0 }),
            ["duplicates"] = clients.Sum(c => c.Duplicates),
            ["sockets_behind_at_end"] = clients.Count(c => c.LastK < finalK[c.User] - 1),
            ["server_cpu_cores"] = cpu.Cores(),
        };
        _results["storm"] = result;
        _log.WriteLine($"  storm: {Line(result)}");
    }

    private Dictionary<string, object?> Summary(ScenarioStats stats, long startMicros, ProcessStats.CpuWindow cpu, ProcessStats.CpuWindow self)
    {
        var deliveries = Interlocked.Read(ref stats.Deliveries);
        var span = Math.Max(1, Volatile.Read(ref stats.LastDeliveryMicros) - startMicros) / 1e6;
        return new Dictionary<string, object?>
        {
            ["deliveries"] = deliveries,
            ["deliveries_per_s"] = deliveries / span,
            ["p50_ms"] = stats.Latency.PercentileMs(0.50),
            ["p90_ms"] = stats.Latency.PercentileMs(0.90),
            ["p99_ms"] = stats.Latency.PercentileMs(0.99),
            ["p999_ms"] = stats.Latency.PercentileMs(0.999),
            ["max_ms"] = stats.Latency.MaxMs,
            ["server_cpu_cores"] = cpu.Cores(),
            ["harness_cpu_cores"] = self.Cores(),
            ["server_rss_mb"] = ProcessStats.RssBytes(_serverPid) / 1048576.0,
        };
    }

    private Timer Progress(ScenarioStats stats, string label)
    {
        long last = 0;
        return new Timer(_ =>
        {
            var now = Interlocked.Read(ref stats.Deliveries);
            _log.WriteLine($"  [{label}] {now - last} deliveries/s, p99 so far {stats.Latency.PercentileMs(0.99):F2} ms, server CPU {ProcessStats.CpuSeconds(_serverPid):F1} s total");
            last = now;
        }, null, 1000, 1000);
    }

    private void WriteCdf(LatencyHistogram histogram, string label)
    {
        using var file = new StreamWriter(Path.Combine(_options.Out, $"{_target.Name}-{label}.cdf"));
        foreach (var (ms, fraction) in histogram.Cdf())
        {
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms} {fraction}"));
        }
    }

    private static string Line(Dictionary<string, object?> result) =>
        string.Join(", ", result.Select(kv => kv.Value is double d ? string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {d:0.###}") : $"{kv.Key} {kv.Value}"));
}
