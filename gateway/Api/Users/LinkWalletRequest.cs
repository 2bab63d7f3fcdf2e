namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of <c>POST /api/users/{userId}/wallets</c>: an EVM address (<c>0x</c> + 40 hex digits) or another chain's address.</summary>
public sealed record LinkWalletRequest
{
    public required string Address { get; init; }
}
