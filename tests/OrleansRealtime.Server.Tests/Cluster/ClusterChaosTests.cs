using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;
using Xunit.Abstractions;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>
/// Bounded chaos in the spirit of Orleans' ElasticChaos: random stops, kills and additions of silos while a client
/// keeps incrementing persistent counters; after every step the directory's integrity is checked. Long soaks belong
/// in bench/, so this runs a fixed number of steps (seeded, and the seed is printed to replay a failure).
/// </summary>
public sealed class ClusterChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Steps = 10;
    private const int CounterCount = 24;

    private readonly MultiSiloTestCluster _cluster = ClusterTestExtensions.NewCluster();
    private readonly List<TaskCompletionSource> _waiters = [];

    public Task InitializeAsync() => _cluster.DeployAsync(silos: 3).WithTimeout();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task RandomStopKillAndAdd_UnderLoad_KeepSingleActivation_AndLoseNoAcknowledgedWrite()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var keys = Enumerable.Range(0, CounterCount).Select(i => TestSupport.NewKey($"chaos{i}")).ToArray();
        var acknowledged = new int[CounterCount];
        var attempted = new int[CounterCount];
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => LoadAsync(keys, acknowledged, attempted, stop.Token));

        for (int step = 0; step < Steps; step++)
        {
            var running = _cluster.Silos;
            int action = running.Count <= 1 ? 2 : running.Count >= 4 ? random.Next(2) : random.Next(3);
            var victim = running[random.Next(running.Count)];
            switch (action)
            {
                case 0:
                    output.WriteLine($"step {step}: stop {victim}");
                    await _cluster.StopSiloAsync(victim).WithTimeout();
                    break;
                case 1:
                    output.WriteLine($"step {step}: kill {victim}");
                    await _cluster.KillSiloAsync(victim).WithTimeout();
                    await _cluster.WaitUntilDeadAsync(victim).WithTimeout();
                    break;
                default:
                    var added = await _cluster.StartSiloAsync().WithTimeout();
                    output.WriteLine($"step {step}: add {added}");
                    break;
            }

            await _cluster.WaitForActiveAsync().WithTimeout();
            await LoadRoundsAsync(2).WithTimeout(); // the load runs against the new shape before the check
            _cluster.AssertDirectoryIntegrity();
        }

        stop.Cancel();
        await load.WithTimeout();
        await _cluster.WaitUntilConnectedAsync().WithTimeout();
        for (int i = 0; i < CounterCount; i++)
        {
            int value = await _cluster.Client.GetGrain<ISiloProbeGrain>(keys[i]).Get().WithTimeout();

            // Every acknowledged increment is in the state; an unacknowledged one (its silo died mid-call) may be too.
            Assert.InRange(value, acknowledged[i], attempted[i]);
        }

        output.WriteLine($"acknowledged {acknowledged.Sum()} of {attempted.Sum()} increments");
        Assert.True(acknowledged.Sum() > CounterCount, "the load made no progress");
        _cluster.AssertDirectoryIntegrity();
    }

    private async Task LoadAsync(string[] keys, int[] acknowledged, int[] attempted, CancellationToken stop)
    {
        var client = _cluster.Client;
        while (!stop.IsCancellationRequested)
        {
            var round = Enumerable.Range(0, keys.Length).Select(async i =>
            {
                Interlocked.Increment(ref attempted[i]);
                try
                {
                    await client.GetGrain<ISiloProbeGrain>(keys[i]).Add().WaitAsync(TimeSpan.FromSeconds(20));
                    Interlocked.Increment(ref acknowledged[i]);
                    return true;
                }
                catch (Exception ex) when (ex is SiloUnavailableException or RealtimeException or TimeoutException or Abstractions.Persistence.InconsistentStateException)
                {
                    // The call may or may not have run; the final check allows for both.
                    return false;
                }
            });
            var outcomes = await Task.WhenAll(round);
            foreach (var waiter in TakeWaiters())
            {
                waiter.TrySetResult();
            }

            if (!outcomes.Contains(true))
            {
                // Everything failed fast (the client between gateways, or every grain on a silo not yet declared
                // dead): pace the load instead of spinning on the 2 cores the failure detector needs too.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>Completes after the load has finished <paramref name="count"/> more rounds.</summary>
    private async Task LoadRoundsAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters)
            {
                _waiters.Add(next);
            }

            await next.Task;
        }
    }

    private TaskCompletionSource[] TakeWaiters()
    {
        lock (_waiters)
        {
            var taken = _waiters.ToArray();
            _waiters.Clear();
            return taken;
        }
    }
}
