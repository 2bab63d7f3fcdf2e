using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserDailyRewardTests
{
    [Fact]
    public async Task The_daily_reward_is_credited_with_a_balance_update_and_a_daily_reward_notification()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
        await using var cluster = await DomainCluster.StartAsync(time, UserCluster.LongClientLeases);
        var userId = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, userId);
        var user = cluster.Client.GetGrain<IUserGrain>(userId);
        await user.DepositAsync(5).WithTimeout();

        var entry = await user.ClaimDailyRewardAsync().WithTimeout();

        Assert.Equal((LedgerEntryKind.DailyReward, 10L, 15L), (entry.Kind, entry.Amount, entry.BalanceAfter));
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Equal(["balance:update", "balance:update", "notification"], events.Select(e => e.Type));
        Assert.Equal(15, events[1].DataAs<BalanceUpdateData>().Balance);
        var notification = events[2].DataAs<NotificationData>();
        Assert.Equal(("Daily Reward", "You received 10 tokens!", "success", time.GetUtcNow()), (notification.Title, notification.Message, notification.Type, notification.Timestamp));
        Assert.Equal(["id", "title", "message", "type", "timestamp"], UserEvents.FieldNames(events[2]));
        var stored = Assert.Single(await user.ListNotificationsAsync().WithTimeout());
        Assert.Equal(notification.Id, stored.Id);
    }

    [Fact]
    public async Task The_daily_reward_is_refused_until_the_UTC_date_changes_then_granted_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await DomainCluster.StartAsync(time, UserCluster.LongClientLeases);
        var userId = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, userId);
        var user = cluster.Client.GetGrain<IUserGrain>(userId);
        await user.ClaimDailyRewardAsync().WithTimeout();
        await probe.WaitForAsync("notification");

        time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1)); // 23:59:59 the same UTC day
        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => user.ClaimDailyRewardAsync().WithTimeout());

        Assert.Equal("daily_reward_already_claimed", ex.ErrorCode);
        Assert.Equal(10, await user.GetBalanceAsync().WithTimeout());
        Assert.Single(await user.GetLedgerAsync().WithTimeout());
        Assert.Single(await user.ListNotificationsAsync().WithTimeout());
        Assert.Equal(["balance:update", "notification"], (await UserEvents.BeforeMarkerAsync(user, probe)).Select(e => e.Type));

        time.Advance(TimeSpan.FromSeconds(1)); // 00:00:00 the next UTC day
        var next = await user.ClaimDailyRewardAsync().WithTimeout();

        Assert.Equal(20, next.BalanceAfter);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), next.At);
    }

    [Fact]
    public async Task The_reward_amount_comes_from_configuration()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await DomainCluster.StartAsync(time, b =>
        {
            UserCluster.LongClientLeases(b);
            b.WithSetting("Realtime:Users:DailyRewardAmount", "25");
        });
        var userId = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, userId);
        var user = cluster.Client.GetGrain<IUserGrain>(userId);

        var entry = await user.ClaimDailyRewardAsync().WithTimeout();

        Assert.Equal(25, entry.Amount);
        var notification = await probe.WaitForAsync("notification");
        Assert.Equal("You received 25 tokens!", notification.DataAs<NotificationData>().Message);
    }

    [Theory]
    [InlineData("Realtime:Users:DailyRewardAmount", "0", "DailyRewardAmount")]
    [InlineData("Realtime:Users:DailyRewardAmount", "1000000001", "DailyRewardAmount")]
    [InlineData("Realtime:Users:SessionLease", "00:00:00", "SessionLease")]
    [InlineData("Realtime:Users:SessionLease", "00:11:00", "SessionLease")]
    public async Task Invalid_user_options_fail_the_silo_start_naming_the_property(string key, string value, string property)
    {
        var builder = DomainCluster.Builder(new FakeTimeProvider()).WithSetting(key, value);
        await using var cluster = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync().WithTimeout());

        Assert.Contains($"Realtime:Users:{property}", ex.Message, StringComparison.Ordinal);
    }
}
