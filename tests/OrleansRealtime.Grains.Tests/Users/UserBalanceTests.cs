using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserBalanceTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    [Fact]
    public async Task Deposit_adds_tokens_records_the_ledger_and_emits_balance_update()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var entry = await user.DepositAsync(100, "top-up").WithTimeout();

        Assert.Equal(LedgerEntryKind.Deposit, entry.Kind);
        Assert.Equal(100, entry.Amount);
        Assert.Equal(100, entry.BalanceAfter);
        Assert.Equal("top-up", entry.Reason);
        Assert.Equal(fixture.Time.GetUtcNow(), entry.At);
        Assert.Equal(100, await user.GetBalanceAsync().WithTimeout());
        var update = await probe.WaitForAsync("balance:update");
        Assert.Equal(["balance", "timestamp"], UserEvents.FieldNames(update));
        Assert.Equal(new BalanceUpdateData(100, fixture.Time.GetUtcNow()), update.DataAs<BalanceUpdateData>());
        Assert.Equal(fixture.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), update.Data.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Withdraw_removes_tokens_and_the_whole_balance_can_be_withdrawn_to_zero()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.DepositAsync(50).WithTimeout();

        var first = await user.WithdrawAsync(20, "shop").WithTimeout();
        var second = await user.WithdrawAsync(30).WithTimeout();

        Assert.Equal((LedgerEntryKind.Withdraw, 20L, 30L), (first.Kind, first.Amount, first.BalanceAfter));
        Assert.Equal(0, second.BalanceAfter);
        Assert.Equal(0, await user.GetBalanceAsync().WithTimeout());
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Equal([50L, 30L, 0L], events.Where(e => e.Type == "balance:update").Select(e => e.DataAs<BalanceUpdateData>().Balance));
    }

    [Fact]
    public async Task Withdrawal_beyond_the_balance_is_a_conflict_that_changes_nothing_and_emits_nothing()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.DepositAsync(10).WithTimeout();
        await probe.WaitForAsync("balance:update");

        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => user.WithdrawAsync(11).WithTimeout());

        Assert.Equal("insufficient_balance", ex.ErrorCode);
        Assert.Equal(10, await user.GetBalanceAsync().WithTimeout());
        Assert.Single(await user.GetLedgerAsync().WithTimeout());
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Single(events, e => e.Type == "balance:update");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-1_000)]
    [InlineData(UserLimits.MaxAmount + 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public async Task Amounts_outside_1_to_a_billion_are_refused_for_deposits_and_withdrawals(long amount)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var deposit = await Assert.ThrowsAsync<DomainValidationException>(() => user.DepositAsync(amount).WithTimeout());
        var withdraw = await Assert.ThrowsAsync<DomainValidationException>(() => user.WithdrawAsync(amount).WithTimeout());

        Assert.Equal("invalid_amount", deposit.ErrorCode);
        Assert.Equal("invalid_amount", withdraw.ErrorCode);
        Assert.Equal(0, await user.GetBalanceAsync().WithTimeout());
        Assert.Empty(await user.GetLedgerAsync().WithTimeout());
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task The_largest_amount_is_accepted()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var entry = await user.DepositAsync(UserLimits.MaxAmount).WithTimeout();

        Assert.Equal(UserLimits.MaxAmount, entry.BalanceAfter);
    }

    [Fact]
    public async Task An_oversize_reason_is_refused()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.DepositAsync(5, new string('r', UserLimits.MaxReasonLength + 1)).WithTimeout());

        Assert.Equal("reason_too_long", ex.ErrorCode);
        Assert.Equal(0, await user.GetBalanceAsync().WithTimeout());
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task The_ledger_is_newest_first_and_keeps_only_the_most_recent_entries()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        for (var i = 1; i <= UserLimits.MaxLedgerEntries + 5; i++)
        {
            await user.DepositAsync(i).WithTimeout();
        }

        var all = await user.GetLedgerAsync(UserLimits.MaxLedgerEntries).WithTimeout();
        var recent = await user.GetLedgerAsync(3).WithTimeout();

        Assert.Equal(UserLimits.MaxLedgerEntries, all.Count);
        Assert.Equal(UserLimits.MaxLedgerEntries + 5, all[0].Amount);
        Assert.Equal(6, all[^1].Amount); // the five oldest were dropped
        Assert.Equal([105L, 104L, 103L], recent.Select(e => e.Amount));
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, UserLimits.MaxLedgerEntries + 5).Sum(i => (long)i), await user.GetBalanceAsync().WithTimeout());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(UserLimits.MaxLedgerEntries + 1)]
    public async Task A_ledger_limit_out_of_range_is_refused(int limit)
    {
        var user = fixture.User(TestTimeouts.NewKey("user"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.GetLedgerAsync(limit).WithTimeout());

        Assert.Equal("invalid_limit", ex.ErrorCode);
    }
}
