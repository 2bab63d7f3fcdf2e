using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// Publishes durable events without pause: deposits of 1 token (<c>POST /api/users/{id}/balance/deposit</c>, role
/// service), each publishing <c>balance:update</c> to the user's stream. The balance after a deposit is unique, so it
/// is the event's marker. Only acknowledged deposits (2xx with <c>balance_after</c>) are recorded as promised to the
/// clients; a failed or timed-out one may or may not have been committed, and is not retried (the next deposit is a
/// new event with a new marker). A failure moves the publisher to the next endpoint, so it survives the loss of the
/// one it used.
/// </summary>
public sealed class DepositPublisher : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PauseBetweenDeposits = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private readonly HttpClient _http = new() { Timeout = RequestTimeout };
    private readonly string _userId;
    private readonly IReadOnlyList<RealtimeProcess> _endpoints;
    private readonly List<(long Marker, TimeSpan At)> _acknowledged = [];
    private readonly List<string> _failures = [];
    private readonly List<TimeSpan> _failureTimes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _endpoint;
    private Task _loop = Task.CompletedTask;

    public DepositPublisher(string userId, string serviceToken, IReadOnlyList<RealtimeProcess> endpoints)
    {
        _userId = userId;
        _endpoints = endpoints;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
    }

    /// <summary>The markers of acknowledged deposits, in acknowledgment order (one publisher, one request at a time).</summary>
    public IReadOnlyList<long> Acknowledged { get { lock (_lock) { return [.. _acknowledged.Select(a => a.Marker)]; } } }

    public IReadOnlyList<string> Failures { get { lock (_lock) { return [.. _failures]; } } }

    /// <summary>Time on the publisher's clock (started with it).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// How long publishing was down after <paramref name="since"/>: from then to the first acknowledgment that follows
    /// the first failure after it (zero when nothing failed; an acknowledgment of a request already in flight does not
    /// count as recovered). Null when it has not recovered yet.
    /// </summary>
    public TimeSpan? OutageAfter(TimeSpan since)
    {
        lock (_lock)
        {
            var failure = _failureTimes.Find(t => t > since);
            if (failure == default)
            {
                return TimeSpan.Zero;
            }

            var recovered = _acknowledged.Find(a => a.At > failure);
            return recovered.At > failure ? recovered.At - since : null;
        }
    }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Waits until <paramref name="count"/> more deposits than now are acknowledged.</summary>
    public async Task WaitForMoreAcknowledgedAsync(int count, TimeSpan timeout)
    {
        int target;
        lock (_lock)
        {
            target = _acknowledged.Count + count;
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_acknowledged.Count >= target)
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{count} more deposits were not acknowledged within {timeout.TotalSeconds:0} s; last failures:\n{string.Join('\n', Failures.TakeLast(10))}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(RequestTimeout * 2);
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var endpoint = _endpoints[_endpoint];
            string? failure = null;
            try
            {
                using var body = new StringContent("{\"amount\":1,\"reason\":\"mproc\"}", Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(new Uri(endpoint.BaseAddress, $"/api/users/{_userId}/balance/deposit"), body);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    var marker = JsonDocument.Parse(text).RootElement.GetProperty("balance_after").GetInt64();
                    Record(() => _acknowledged.Add((marker, _clock.Elapsed)));

                    // Continuous but not flat out: 2 cores run 4 processes, 4 clients and this test.
                    await Task.Delay(PauseBetweenDeposits);
                }
                else
                {
                    failure = $"{(int)response.StatusCode} {text}";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (failure is not null)
            {
                Record(() =>
                {
                    _failures.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} via {endpoint.Name}: {failure}");
                    _failureTimes.Add(_clock.Elapsed);
                });
                _endpoint = (_endpoint + 1) % _endpoints.Count;

                // A short pause so a cluster that is moving grains is not hammered; no retry of the same event.
                try
                {
                    await Task.Delay(PauseAfterFailure, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private void Record(Action change)
    {
        lock (_lock)
        {
            change();
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await _loop.WaitAsync(RequestTimeout * 2);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        _http.Dispose();
    }
}
