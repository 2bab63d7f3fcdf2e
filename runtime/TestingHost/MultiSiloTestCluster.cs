using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.TestingHost;

/// <summary>
/// Several silos in this process, clustered over real TCP on 127.0.0.1 (ephemeral ports) with one in-memory
/// membership table, grain directory, grain storage and reminder table, and a <see cref="ClusterClient"/> that
/// finds its gateways in that table, as a remote client would. Silos can be added, stopped (gracefully: state
/// flushed, row Dead), killed (as by <c>kill -9</c>: connections drop, the row stays Active until a survivor declares it
/// dead) and restarted (a new generation on the same port). Runs on the real clock with short membership periods
/// (<see cref="DefaultSettings"/>), because the transport and the failure detector run on real time here.
/// </summary>
public sealed class MultiSiloTestCluster : IAsyncDisposable
{
    /// <summary>Membership timing for tests: a killed silo is declared dead within about <c>DeathTimeout</c> + one refresh.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultSettings = new Dictionary<string, string?>
    {
        ["Realtime:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
        ["Realtime:Endpoints:SiloPort"] = "0",
        ["Realtime:Endpoints:GatewayPort"] = "-1",
        ["Realtime:Clustering:IAmAlivePeriod"] = "00:00:00.500",
        ["Realtime:Clustering:LeaseTimeout"] = "00:00:04",
        ["Realtime:Clustering:DeathTimeout"] = "00:00:06",
        ["Realtime:Clustering:TableRefreshPeriod"] = "00:00:00.500",
    };

    private readonly List<TestSilo> _silos = [];
    private readonly Action<ISiloBuilder>[] _configureSilo;
    private readonly Dictionary<string, string?> _settings;
    private readonly List<ClusterClient> _clients = [];
    private int _started;

    public MultiSiloTestCluster(Action<ISiloBuilder>? configureSilo = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _configureSilo = configureSilo is null ? [] : [configureSilo];
        _settings = new Dictionary<string, string?>(DefaultSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public MemoryMembershipTable MembershipTable { get; } = new();

    public MemoryGrainDirectory Directory { get; } = new();

    public MemoryGrainStorage Storage { get; } = new();

    public MemoryReminderTable ReminderTable { get; } = new();

    /// <summary>Every silo started so far, running or not, in start order.</summary>
    public IReadOnlyList<TestSilo> AllSilos => _silos;

    public IReadOnlyList<TestSilo> Silos => [.. _silos.Where(s => s.IsRunning)];

    /// <summary>The cluster client connected by <see cref="DeployAsync"/>.</summary>
    public ClusterClient Client => _clients.Count > 0 ? _clients[0] : throw new InvalidOperationException("Call DeployAsync first.");

    /// <summary>Starts <paramref name="silos"/> silos, waits until they all see each other active, and connects <see cref="Client"/>.</summary>
    public async Task DeployAsync(int silos = 2)
    {
        for (int i = 0; i < silos; i++)
        {
            await StartSiloAsync();
        }

        await WaitForActiveAsync();
        await ConnectClientAsync();
    }

    /// <summary>Connects another TCP client (disposed with the cluster).</summary>
    public async Task<ClusterClient> ConnectClientAsync()
    {
        var client = await ClusterClient.ConnectAsync(
            new MembershipGatewayListProvider(MembershipTable),
            new ClusterClientOptions { ClusterId = _settings.GetValueOrDefault("Realtime:Silo:ClusterId") ?? "dev", InitialConnectTimeout = TimeSpan.FromSeconds(20) },
            configure: services => services.Configure<Client.Messaging.MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30)));
        _clients.Add(client);
        return client;
    }

    /// <summary>Adds a silo (on <paramref name="port"/>, or an ephemeral port).</summary>
    public async Task<TestSilo> StartSiloAsync(int port = 0)
    {
        int index = _started++;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Silo:SiloName"] = $"silo-{index}",
            ["Realtime:Endpoints:SiloPort"] = port.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseSilo(silo =>
        {
            silo.AddMemoryGrainStorage("Default", Storage);
            silo.UseInMemoryReminderService(ReminderTable);
            silo.UseInMemoryClustering(MembershipTable);
            silo.AddMemoryGrainDirectory(Directory);
            foreach (var configure in _configureSilo)
            {
                configure(silo);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(host, index);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully (activations deactivate and flush, its row ends Dead, its directory entries go).</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>Kills a silo: see <see cref="Silo.KillAsync"/>. Its row stays Active until a survivor declares it dead.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await silo.Silo.KillAsync();
        silo.Host.Dispose();
    }

    /// <summary>Stops (or, with <paramref name="kill"/>, kills) a silo and starts a new generation on its port.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo, bool kill = false)
    {
        if (kill)
        {
            await KillSiloAsync(silo);
        }
        else
        {
            await StopSiloAsync(silo);
        }

        return await StartSiloAsync(silo.Address.Port);
    }

    /// <summary>Waits until every running silo's view shows exactly the running silos active.</summary>
    public Task WaitForActiveAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(() =>
        {
            var running = Silos.Select(s => s.Address).OrderBy(a => a).ToList();
            return Silos.All(s => s.Membership.Current.ActiveSilos.SequenceEqual(running));
        }, timeout ?? TimeSpan.FromSeconds(30), "every silo to see the running silos active");

    /// <summary>Waits until every running silo's view shows <paramref name="silo"/> dead (its directory entries are then gone).</summary>
    public Task WaitUntilDeadAsync(TestSilo silo, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Silos.All(s => s.Membership.Current.GetStatus(silo.Address) == Abstractions.Membership.SiloStatus.Dead)
                && !Directory.Entries.Any(e => e.SiloAddress.Equals(silo.Address)),
            timeout ?? TimeSpan.FromSeconds(30), $"{silo} to be declared dead");

    /// <summary>
    /// Completes once <paramref name="client"/> (default: <see cref="Client"/>) is connected to a gateway: at once, or at
    /// its next reconnect (after its gateway silo was stopped or killed). Calls made before then fail fast.
    /// </summary>
    public async Task WaitUntilConnectedAsync(ClusterClient? client = null, TimeSpan? timeout = null)
    {
        var connection = (TcpClusterConnection)(client ?? Client).Connection;
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReconnected() => connected.TrySetResult();
        connection.Reconnected += OnReconnected;
        try
        {
            if (connection.IsConnected)
            {
                connected.TrySetResult();
            }

            await connected.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        finally
        {
            connection.Reconnected -= OnReconnected;
        }
    }

    /// <summary>The running silos that host an activation of <paramref name="grainId"/>.</summary>
    public IReadOnlyList<TestSilo> HostsOf(GrainId grainId) => [.. Silos.Where(s => s.Hosts(grainId))];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var silo in Silos.Reverse())
        {
            try
            {
                await StopSiloAsync(silo);
            }
            catch (Exception)
            {
                // A silo that cannot stop cleanly is still gone for the next test.
                silo.Host.Dispose();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
