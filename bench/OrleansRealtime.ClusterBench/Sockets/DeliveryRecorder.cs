using System.Diagnostics;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// What the sockets received of the current run: one latency per distinct sequence number, plus the counts that say
/// whether delivery was whole (every event once, each at the socket of the user it was published to).
/// Events of another run (a late warm-up event) are counted apart and never taken for this run's.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly Lock _lock = new();
    private int _run = -1;
    private int _users = 1;
    private bool[] _seen = [];
    private double[] _latencies = [];
    private int _count;
    private int _duplicates;
    private int _misrouted;
    private int _otherRun;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start(int run, int expected, int users)
    {
        lock (_lock)
        {
            _run = run;
            _users = users;
            _seen = new bool[expected];
            _latencies = new double[expected];
            _count = _duplicates = _misrouted = _otherRun = 0;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (expected == 0)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>One bench event read off socket <paramref name="socket"/> at <paramref name="receivedAt"/> (a Stopwatch timestamp).</summary>
    public void Record(int socket, int run, long stamp, int sequence, long receivedAt)
    {
        double ms = (receivedAt - stamp) * 1000.0 / Stopwatch.Frequency;
        lock (_lock)
        {
            if (run != _run || sequence < 0 || sequence >= _seen.Length)
            {
                _otherRun++;
                return;
            }

            // Publisher i % users publishes sequence i, on the stream of user i % users, which socket i % users reads.
            if (sequence % _users != socket)
            {
                _misrouted++;
                return;
            }

            if (_seen[sequence])
            {
                _duplicates++;
                return;
            }

            _seen[sequence] = true;
            _latencies[_count++] = ms;
            if (_count == _latencies.Length)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>Waits until every event of the run arrived, or <paramref name="timeout"/> passed.</summary>
    public async Task WaitAsync(TimeSpan timeout)
    {
        Task done;
        lock (_lock)
        {
            done = _done.Task;
        }

        await Task.WhenAny(done, Task.Delay(timeout));
    }

    /// <summary>Ends the run: later events count as another run's.</summary>
    public Delivery Stop()
    {
        lock (_lock)
        {
            var result = new Delivery(_latencies.AsSpan(0, _count).ToArray(), _duplicates, _misrouted, _otherRun);
            _run = -1;
            return result;
        }
    }
}
