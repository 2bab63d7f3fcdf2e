namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>One balance movement. <see cref="Amount"/> is always positive; <see cref="Kind"/> gives the direction.</summary>
public sealed record LedgerEntry
{
    public required string Id { get; init; }

    public required LedgerEntryKind Kind { get; init; }

    public required long Amount { get; init; }

    public required long BalanceAfter { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
