namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of a deposit or withdrawal: whole tokens, 1..1,000,000,000, and an optional reason (at most 200 characters).</summary>
public sealed record AmountRequest
{
    public required long Amount { get; init; }

    public string? Reason { get; init; }
}
