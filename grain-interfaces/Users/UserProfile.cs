namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>A user's profile and the wallet addresses linked to it.</summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }

    public string? DisplayName { get; init; }

    public string? Bio { get; init; }

    public IReadOnlyList<LinkedWallet> Wallets { get; init; } = [];

    /// <summary>When the profile or its wallets last changed; null for a user never written.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
