using System.Diagnostics;

namespace OrleansRealtime.LoadHarness;

public sealed partial class LoadRun
{
    /// <summary>Per-user event counters: the k of each user's next event, across every scenario of the run.</summary>
    private long[]? _userK;

    private long[] UserK => _userK ??= new long[Users];

    private sealed class PublishCounters
    {
        public long Sent;
        public long Skipped;
        public long Errors;
        public string? FirstError;
    }

    /// <summary>
    /// Open-loop publishing at <paramref name="rate"/> per second while <paramref name="running"/> holds: every
    /// millisecond it sends what is due, whatever the responses do, so a slow server cannot slow the load (no
    /// coordinated omission). At most 512 requests are in flight; a publish due beyond that is skipped and counted.
    /// </summary>
    private async Task<PublishCounters> OpenLoopAsync(double rate, Func<bool> running, Func<long, HttpRequestMessage> make)
    {
        const int MaxInFlight = 512;
        var counters = new PublishCounters();
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var clock = Stopwatch.StartNew();
        long issued = 0;
        while (running())
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (issued < due)
            {
                issued++;
                if (!inFlight.Wait(0))
                {
                    counters.Skipped++;
                    continue;
                }

                _ = FireAsync(make(counters.Sent++), counters, inFlight);
            }

            await Task.Delay(1);
        }

        var drain = Stopwatch.StartNew();
        while (inFlight.CurrentCount < MaxInFlight && drain.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
        }

        return counters;
    }

    private async Task FireAsync(HttpRequestMessage request, PublishCounters counters, SemaphoreSlim? inFlight)
    {
        try
        {
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref counters.Errors);
                counters.FirstError ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref counters.Errors);
            counters.FirstError ??= e.Message;
        }
        finally
        {
            request.Dispose();
            inFlight?.Release();
        }
    }

    private HttpRequestMessage NextUserEvent(long i, int users)
    {
        var user = (int)(i % users);
        var k = UserK[user]++;
        return _target.PublishToUser($"u{user}", Clients.Marker.Format('U', NowMicros(), k));
    }

    /// <summary>Waits until deliveries stop growing for <paramref name="quiet"/> (or <paramref name="max"/> passes).</summary>
    private static async Task SettleAsync(Metrics.ScenarioStats stats, TimeSpan quiet, TimeSpan max)
    {
        var total = Stopwatch.StartNew();
        var last = Interlocked.Read(ref stats.Deliveries);
        var still = Stopwatch.StartNew();
        while (total.Elapsed < max && still.Elapsed < quiet)
        {
            await Task.Delay(50);
            var now = Interlocked.Read(ref stats.Deliveries);
            if (now != last)
            {
                last = now;
                still.Restart();
            }
        }
    }
}
