using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserRestartTests
{
    [Fact]
    public async Task Profile_wallets_appearance_balance_ledger_reward_and_notifications_survive_a_silo_restart()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await DomainCluster.StartAsync(time, UserCluster.LongClientLeases);
        var user = cluster.Client.GetGrain<IUserGrain>(TestTimeouts.NewKey("user"));
        await user.UpdateProfileAsync(new ProfileUpdate { DisplayName = "Ada" }).WithTimeout();
        await user.LinkWalletAsync("0x1234567890123456789012345678901234567890").WithTimeout();
        await user.SetAppearanceAsync("app", AppearanceItems.Theme, "dark").WithTimeout();
        await user.DepositAsync(100).WithTimeout();
        await user.WithdrawAsync(30).WithTimeout();
        await user.ClaimDailyRewardAsync().WithTimeout();
        var note = await user.CreateNotificationAsync("Hi", "There").WithTimeout();
        await user.MarkNotificationsReadAsync([note.Id]).WithTimeout();
        var ledgerBefore = await user.GetLedgerAsync().WithTimeout();

        await cluster.RestartSiloAsync().WithTimeout();

        Assert.Equal("Ada", (await user.GetProfileAsync().WithTimeout()).DisplayName);
        Assert.True(await user.OwnsWalletAsync("0x1234567890123456789012345678901234567890").WithTimeout());
        Assert.Equal("dark", (await user.GetAppearanceAsync("app").WithTimeout()).Theme);
        Assert.Equal(80, await user.GetBalanceAsync().WithTimeout());
        Assert.Equal(ledgerBefore, await user.GetLedgerAsync().WithTimeout());
        var notes = await user.ListNotificationsAsync().WithTimeout();
        Assert.Equal(2, notes.Count);
        Assert.True(notes.Single(n => n.Id == note.Id).Read);
        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => user.ClaimDailyRewardAsync().WithTimeout());
        Assert.Equal("daily_reward_already_claimed", ex.ErrorCode);
    }
}
