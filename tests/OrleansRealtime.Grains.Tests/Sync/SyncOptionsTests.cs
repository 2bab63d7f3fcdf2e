using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Sync;

/// <summary>Sync and platform options are validated when the silo starts, with messages naming the property and value.</summary>
public sealed class SyncOptionsTests
{
    [Theory]
    [InlineData("Realtime:Sync:WatchdogPeriod", "00:00:10", "Realtime:Sync:WatchdogPeriod must not be below Realtime:Reminders:MinimumReminderPeriod")]
    [InlineData("Realtime:Sync:CheckpointEveryGames", "0", "Realtime:Sync:CheckpointEveryGames must be 1..500, but is 0")]
    [InlineData("Realtime:Sync:ProgressInterval", "00:00:00", "Realtime:Sync:ProgressInterval must be a positive duration")]
    [InlineData("Realtime:Platforms:Demo:CatalogSize", "10001", "Realtime:Platforms:Demo:CatalogSize must be 0..10000, but is 10001")]
    [InlineData("Realtime:Platforms:Demo:RetryAfter", "00:00:00", "Realtime:Platforms:Demo:RetryAfter must be 1 second..1 day")]
    [InlineData("Realtime:Platforms:Steam:Enabled", "true", "Realtime:Platforms:Steam:ApiKey is required when Realtime:Platforms:Steam:Enabled is true")]
    [InlineData("Realtime:Platforms:Steam:BaseUrl", "not a url", "Realtime:Platforms:Steam:BaseUrl must be an absolute http(s) url, but is 'not a url'")]
    public async Task A_bad_option_fails_the_silo_start_naming_it(string key, string value, string message)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var cluster = await DomainCluster.StartAsync(configure: b => b.WithSetting(key, value));
        });

        Assert.Contains(message, ex.ToString());
    }
}
