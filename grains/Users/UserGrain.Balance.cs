using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    public Task<long> GetBalanceAsync() => Task.FromResult(State.Balance);

    public async Task<LedgerEntry> DepositAsync(long amount, string? reason = null)
    {
        UserValidation.Amount(amount);
        UserValidation.Reason(reason);
        EnsureRoomFor(amount);
        var entry = Record(LedgerEntryKind.Deposit, amount, reason);
        await WriteStateAsync();
        await PublishBalanceAsync();
        return entry;
    }

    public async Task<LedgerEntry> WithdrawAsync(long amount, string? reason = null)
    {
        UserValidation.Amount(amount);
        UserValidation.Reason(reason);
        if (amount > State.Balance)
        {
            throw new DomainConflictException("insufficient_balance",
                $"Cannot withdraw {amount} tokens: the balance is {State.Balance}.");
        }

        var entry = Record(LedgerEntryKind.Withdraw, amount, reason);
        await WriteStateAsync();
        await PublishBalanceAsync();
        return entry;
    }

    public async Task<LedgerEntry> ClaimDailyRewardAsync()
    {
        var now = Now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (State.LastDailyRewardOn == today)
        {
            throw new DomainConflictException("daily_reward_already_claimed",
                $"The daily reward for {today:yyyy-MM-dd} (UTC) was already claimed; the next one is available from {now.UtcDateTime.Date.AddDays(1):yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }

        var amount = _options.DailyRewardAmount;
        EnsureRoomFor(amount);
        var entry = Record(LedgerEntryKind.DailyReward, amount, reason: null);
        State.LastDailyRewardOn = today;
        var notification = AddNotification("Daily Reward", $"You received {amount} tokens!", NotificationTypes.Success);

        // Both changes in one write, so the reward and its notification are never half-applied.
        await WriteStateAsync();
        await PublishBalanceAsync();
        await PublishNotificationAsync(notification);
        return entry;
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(int limit = 50)
    {
        UserValidation.Limit(limit, UserLimits.MaxLedgerEntries);
        return Task.FromResult<IReadOnlyList<LedgerEntry>>([.. Enumerable.Reverse(State.Ledger).Take(limit)]);
    }

    private void EnsureRoomFor(long amount)
    {
        if (State.Balance > UserLimits.MaxBalance - amount)
        {
            throw new DomainConflictException("balance_limit_exceeded",
                $"Adding {amount} tokens to {State.Balance} would exceed the largest balance, {UserLimits.MaxBalance}.");
        }
    }

    /// <summary>Applies a validated movement to the balance and appends it to the bounded ledger.</summary>
    private LedgerEntry Record(LedgerEntryKind kind, long amount, string? reason)
    {
        State.Balance += kind == LedgerEntryKind.Withdraw ? -amount : amount;
        var entry = new LedgerEntry
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = kind,
            Amount = amount,
            BalanceAfter = State.Balance,
            Reason = reason,
            At = Now,
        };
        State.Ledger.Add(entry);
        if (State.Ledger.Count > UserLimits.MaxLedgerEntries)
        {
            State.Ledger.RemoveRange(0, State.Ledger.Count - UserLimits.MaxLedgerEntries);
        }

        return entry;
    }

    private Task PublishBalanceAsync() => PublishToUserAsync(UserId, new BalanceUpdateData(State.Balance, Now));
}
