using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Users;

/// <summary>
/// A cluster shared by the tests of one class (each test uses its own user). The clock is fake, so
/// timestamps are exact and time moves only when a test advances it. Client stream leases are long, so a
/// probe's subscription survives large clock jumps without depending on when its renewal runs.
/// </summary>
public sealed class UserCluster : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public static void LongClientLeases(InProcessTestClusterBuilder builder) => builder
        .WithSetting("Realtime:ClientStreams:SubscriptionLease", "30.00:00:00")
        .WithSetting("Realtime:ClientStreams:RenewalPeriod", "10.00:00:00");

    public IUserGrain User(string userId) => Client.GetGrain<IUserGrain>(userId);

    /// <summary>A fresh user and a probe on its stream.</summary>
    public async Task<(IUserGrain User, StreamProbe Probe, string UserId)> NewUserAsync()
    {
        var userId = TestTimeouts.NewKey("user");
        var probe = await StreamProbe.ForUserAsync(Client, userId);
        return (User(userId), probe, userId);
    }

    public async Task InitializeAsync() => Cluster = await DomainCluster.StartAsync(Time, LongClientLeases);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
