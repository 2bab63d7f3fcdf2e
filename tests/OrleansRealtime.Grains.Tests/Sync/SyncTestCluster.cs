using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Sync;

/// <summary>
/// A cluster on a fake clock for sync tests: stream leases longer than any clock jump, reminders allowed down to 1 s, a 5 s watchdog, 1 s progress
/// interval, checkpoints every 5 games, no retry delay, the demo platform without delay, and the
/// <see cref="SteppedPlatform"/> for tests that walk a sync game by game.
/// </summary>
internal sealed class SyncTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(5);

    /// <summary>Zero, so a retry needs no clock move (the retry count is what these tests check).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.Zero;

    private SyncTestCluster(FakeTimeProvider time, InProcessTestCluster cluster, SteppedPlatform.Shared stepped)
    {
        Time = time;
        Cluster = cluster;
        Stepped = stepped;
    }

    public FakeTimeProvider Time { get; }

    public InProcessTestCluster Cluster { get; }

    public SteppedPlatform.Shared Stepped { get; }

    public static async Task<SyncTestCluster> StartAsync(TimeSpan? step = null, Action<InProcessTestClusterBuilder>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 7, 20, 12, 0, 0, TimeSpan.Zero));
        var stepped = new SteppedPlatform.Shared(step ?? TimeSpan.FromSeconds(1));
        var cluster = await DomainCluster.StartAsync(time, b =>
        {
            // The probe's stream lease must outlive the long clock jumps (a renewal cannot land mid-Advance).
            b.WithSetting("Realtime:ClientStreams:SubscriptionLease", "400.00:00:00")
                .WithSetting("Realtime:ClientStreams:RenewalPeriod", "100.00:00:00")
                .WithSetting("Realtime:Reminders:MinimumReminderPeriod", "00:00:01")
                .WithSetting("Realtime:Sync:WatchdogPeriod", Watchdog.ToString())
                .WithSetting("Realtime:Sync:ProgressInterval", "00:00:01")
                .WithSetting("Realtime:Sync:CheckpointEveryGames", "5")
                .WithSetting("Realtime:Sync:TransientRetryDelay", RetryDelay.ToString())
                .WithSetting("Realtime:Platforms:Demo:PerGameDelay", "00:00:00")
                .ConfigureSilo(s => s.Services.AddSingleton<IGamePlatform>(sp =>
                    new SteppedPlatform(sp.GetRequiredService<DemoGamePlatform>(), sp.GetRequiredService<TimeProvider>(), stepped)));
            configure?.Invoke(b);
        });
        return new SyncTestCluster(time, cluster, stepped);
    }

    public ILibraryGrain Library(string libraryId) => Cluster.Client.GetGrain<ILibraryGrain>(libraryId);

    public ISyncOperationGrain Operation(string operationId) => Cluster.Client.GetGrain<ISyncOperationGrain>(operationId);

    public async Task<(ILibraryGrain Library, string LibraryId, string UserId, StreamProbe Probe)> NewLibraryAsync(string platform = "demo", string? libraryId = null)
    {
        var userId = TestTimeouts.NewKey("user");
        libraryId ??= TestTimeouts.NewKey("lib");
        var probe = await StreamProbe.ForUserAsync(Cluster.Client, userId);
        var library = Library(libraryId);
        await library.CreateAsync(userId, "My Steam Library", platform).WithTimeout();
        return (library, libraryId, userId, probe);
    }

    /// <summary>
    /// Walks a <see cref="SteppedPlatform"/> sync: waits until a game read is waiting, advances the clock one
    /// step, and repeats until <paramref name="until"/> completes or <paramref name="maxSteps"/> were taken.
    /// </summary>
    public async Task StepAsync(Task until, int maxSteps = int.MaxValue)
    {
        for (var steps = 0; steps < maxSteps && !until.IsCompleted; steps++)
        {
            using var stop = new CancellationTokenSource();
            var waiting = Stepped.Waiting.WaitAsync(stop.Token);
            var first = await Task.WhenAny(waiting, until).WithTimeout();
            if (first != waiting)
            {
                await stop.CancelAsync();
                await Task.WhenAny(waiting);
                if (!waiting.IsCanceled)
                {
                    Stepped.Waiting.Release();
                }

                return;
            }

            Time.Advance(Stepped.Step);
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
