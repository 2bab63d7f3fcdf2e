using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.Server.Tests.Persistence;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Membership;

/// <summary>
/// Two silos on the real PostgreSQL membership table and grain directory (the server test.sh starts; without
/// it the test fails), on the real clock with sub-second timing: heartbeat 0.5 s, lease 1.5 s, death 3 s.
/// </summary>
public sealed class PostgreSqlMembershipAgentTests
{
    [Fact]
    public async Task TwoSilos_SeeEachOther_AndAKilledOneIsDeclaredDead_WithItsDirectoryEntriesRemoved()
    {
        var clusterId = $"agent-{Guid.NewGuid():N}";
        var connectionString = PostgresConnection.Required();
        var survivor = Silo(clusterId, connectionString, 11111);
        var killed = Silo(clusterId, connectionString, 11112);
        try
        {
            await survivor.DeployAsync().WithTimeout();
            await killed.DeployAsync().WithTimeout();
            var survivorView = survivor.SiloServices.GetRequiredService<IClusterMembership>();
            var killedAddress = killed.SiloServices.GetRequiredService<IClusterMembership>().LocalSilo!;
            var directory = killed.SiloServices.GetRequiredService<IGrainDirectory>();
            var entry = new GrainAddress { GrainId = new GrainId("test.counter", TestSupport.NewKey()), SiloAddress = killedAddress, ActivationId = ActivationId.NewId() };
            await directory.RegisterAsync(entry).WithTimeout();

            await WaitForAsync(survivorView, v => v.ActiveSilos.Count == 2);

            // Killed: its agent stops without writing anything, as when the process dies.
            await killed.SiloServices.GetRequiredService<MembershipAgent>().DisposeAsync();
            var view = await WaitForAsync(survivorView, v => v.GetStatus(killedAddress) == SiloStatus.Dead);
            await NextRefreshAsync(survivor.SiloServices.GetRequiredService<MembershipAgent>()); // it cleans the directory before it ends

            Assert.Equal([survivorView.LocalSilo!], view.ActiveSilos);
            var table = survivor.SiloServices.GetRequiredService<IMembershipTable>();
            Assert.Equal(SiloStatus.Dead, (await table.ReadRowAsync(killedAddress).WithTimeout()).Find(killedAddress)!.Value.Entry.Status);
            Assert.Null(await directory.LookupAsync(entry.GrainId).WithTimeout());
        }
        finally
        {
            await killed.DisposeAsync();
            await survivor.DisposeAsync();
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new PostgreSqlMembershipTable(dataSource, clusterId).DeleteMembershipTableEntriesAsync(clusterId).WithTimeout();
        }
    }

    private static InProcessTestCluster Silo(string clusterId, string connectionString, int port) =>
        TestClusters.Builder()
            .WithSetting("Realtime:Silo:ClusterId", clusterId)
            .WithSetting("Realtime:Endpoints:AdvertisedIPAddress", "127.0.0.1")
            .WithSetting("Realtime:Endpoints:ListenForConnections", "false") // membership alone: made-up ports, nothing listens
            .WithSetting("Realtime:Endpoints:SiloPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Realtime:Clustering:IAmAlivePeriod", "00:00:00.500")
            .WithSetting("Realtime:Clustering:LeaseTimeout", "00:00:01.500")
            .WithSetting("Realtime:Clustering:DeathTimeout", "00:00:03")
            .WithSetting("Realtime:Clustering:TableRefreshPeriod", "00:00:00.500")
            .WithSetting("Realtime:Clustering:PostgreSql:ConnectionString", connectionString)
            .WithSetting("Realtime:GrainDirectory:PostgreSql:ConnectionString", connectionString)
            .ConfigureSilo(silo => silo.UsePostgreSqlClustering().AddPostgreSqlGrainDirectory())
            .Build();

    private static Task<ClusterMembershipSnapshot> WaitForAsync(IClusterMembership membership, Func<ClusterMembershipSnapshot, bool> condition)
    {
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

    private static Task NextRefreshAsync(MembershipAgent agent)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(MembershipActivity activity)
        {
            if (activity == MembershipActivity.Refresh && done.TrySetResult())
            {
                agent.ActivityCompleted -= Handler;
            }
        }

        agent.ActivityCompleted += Handler;
        return done.Task.WaitAsync(TestSupport.Timeout);
    }
}
