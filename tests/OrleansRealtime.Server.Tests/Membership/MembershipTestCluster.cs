using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Membership;

/// <summary>
/// Several silos of one cluster in this process: each an <see cref="InProcessTestCluster"/> (with its own client)
/// on its own port, all on one fake clock, one in-memory membership table and one in-memory grain directory.
/// </summary>
public sealed class MembershipTestCluster : IAsyncDisposable
{
    private readonly List<MembershipTestSilo> _silos = [];

    public FakeTimeProvider Time { get; } = new();

    public MemoryMembershipTable Table { get; } = new();

    public MemoryGrainDirectory Directory { get; } = new();

    /// <summary>Starts a silo advertising 127.0.0.1:<paramref name="port"/>; a second one on a port is a restart of that endpoint.</summary>
    public async Task<MembershipTestSilo> StartSiloAsync(int port, params (string Key, string Value)[] settings)
    {
        var table = new ControlledMembershipTable(Table);
        var builder = TestClusters.Builder()
            .UseTimeProvider(Time)
            .WithSetting("Realtime:Silo:SiloName", $"silo-{port}")
            .WithSetting("Realtime:Endpoints:AdvertisedIPAddress", "127.0.0.1")
            .WithSetting("Realtime:Endpoints:ListenForConnections", "false") // membership alone: made-up ports, nothing listens
            .WithSetting("Realtime:Endpoints:SiloPort", port.ToString(CultureInfo.InvariantCulture))
            .ConfigureSilo(silo =>
            {
                silo.Services.AddSingleton<IMembershipTable>(table);
                silo.AddMemoryGrainDirectory(Directory);
            });
        foreach (var (key, value) in settings)
        {
            builder.WithSetting(key, value);
        }

        var cluster = builder.Build();
        var silo = new MembershipTestSilo(cluster, table);
        _silos.Add(silo);
        await cluster.DeployAsync().WithTimeout();
        return silo;
    }

    /// <summary>Advances the clock by <paramref name="delta"/> and waits until <paramref name="silo"/>'s agent finished an <paramref name="activity"/> on the way.</summary>
    internal async Task AdvanceUntilAsync(TimeSpan delta, MembershipTestSilo silo, MembershipActivity activity)
    {
        var done = silo.NextAsync(activity);
        Time.Advance(delta);
        await done;
    }

    public async Task<MembershipEntry> RowAsync(SiloAddress silo) =>
        (await Table.ReadAllAsync().WithTimeout()).Find(silo)?.Entry ?? throw new InvalidOperationException($"{silo} has no row.");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.Cluster.DisposeAsync();
        }
    }
}

public sealed class MembershipTestSilo(InProcessTestCluster cluster, ControlledMembershipTable table)
{
    public InProcessTestCluster Cluster { get; } = cluster;

    public ControlledMembershipTable Table { get; } = table;

    internal MembershipAgent Agent => Cluster.SiloServices.GetRequiredService<MembershipAgent>();

    public IClusterMembership Membership => Cluster.SiloServices.GetRequiredService<IClusterMembership>();

    public SiloAddress Address => Membership.LocalSilo ?? throw new InvalidOperationException("The silo has not joined.");

    /// <summary>Completes (within the test timeout) when the agent next finishes <paramref name="activity"/>.</summary>
    internal Task NextAsync(MembershipActivity activity)
    {
        var agent = Agent;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(MembershipActivity completed)
        {
            if (completed == activity && done.TrySetResult())
            {
                agent.ActivityCompleted -= Handler;
            }
        }

        agent.ActivityCompleted += Handler;
        return done.Task.WaitAsync(TestSupport.Timeout);
    }

    /// <summary>Completes when this silo's view satisfies <paramref name="condition"/> (now or after a change).</summary>
    public Task<ClusterMembershipSnapshot> ViewAsync(Func<ClusterMembershipSnapshot, bool> condition)
    {
        var membership = Membership;
        var done = new TaskCompletionSource<ClusterMembershipSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(ClusterMembershipSnapshot snapshot)
        {
            if (condition(snapshot) && done.TrySetResult(snapshot))
            {
                membership.Changed -= Handler;
            }
        }

        membership.Changed += Handler;
        Handler(membership.Current);
        return done.Task.WaitAsync(TestSupport.Timeout);
    }
}
