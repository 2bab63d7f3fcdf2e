namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary><c>balance:update</c> (document 001): the balance after a deposit, withdrawal or daily reward, in whole tokens.</summary>
public sealed record BalanceUpdateData(long Balance, DateTimeOffset Timestamp);
