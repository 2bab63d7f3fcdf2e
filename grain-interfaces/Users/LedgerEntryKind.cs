namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>What moved the balance (snake_case on the wire: <c>deposit</c>, <c>withdraw</c>, <c>daily_reward</c>).</summary>
public enum LedgerEntryKind
{
    Deposit,
    Withdraw,
    DailyReward,
}
