using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Grains.Platforms.Steam;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Platforms;

/// <summary>
/// A fake Steam server and a cluster whose Steam platform is enabled against it, logging everything (Trace)
/// into <see cref="Logs"/>. The user <see cref="UserId"/> is mapped to the fake's Steam id.
/// </summary>
public sealed class SteamFixture : IAsyncLifetime
{
    public const string ApiKey = "TOPSECRETKEY0123456789ABCDEF";

    public const string UserId = "steam-user";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 7, 21, 12, 0, 0, TimeSpan.Zero));

    internal CapturingLoggerProvider Logs { get; } = new();

    internal FakeSteamServer Server { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public SteamGamePlatform Platform => Cluster.SiloServices.GetRequiredService<SteamGamePlatform>();

    public async Task InitializeAsync()
    {
        Server = await FakeSteamServer.StartAsync(ApiKey);
        Cluster = await DomainCluster.StartAsync(Time, b => b
            .WithSetting("Realtime:Platforms:Steam:Enabled", "true")
            .WithSetting("Realtime:Platforms:Steam:ApiKey", ApiKey)
            .WithSetting("Realtime:Platforms:Steam:BaseUrl", Server.BaseUrl)
            .WithSetting($"Realtime:Platforms:Steam:SteamIds:{UserId}", FakeSteamServer.SteamId)
            .WithSetting("Realtime:ClientStreams:SubscriptionLease", "400.00:00:00")
            .WithSetting("Realtime:ClientStreams:RenewalPeriod", "100.00:00:00")
            .WithSetting("Realtime:Reminders:MinimumReminderPeriod", "00:00:01")
            .WithSetting("Realtime:Sync:WatchdogPeriod", "00:00:05")
            .ConfigureHost(h =>
            {
                h.Logging.AddProvider(Logs);
                h.Logging.SetMinimumLevel(LogLevel.Trace);
            }));
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Server.DisposeAsync();
    }
}
