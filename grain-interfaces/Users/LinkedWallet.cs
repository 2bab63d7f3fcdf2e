namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>A wallet address linked to a user, in its canonical form (<see cref="WalletAddresses.Normalize"/>).</summary>
public sealed record LinkedWallet
{
    public required string Address { get; init; }

    public required DateTimeOffset LinkedAt { get; init; }
}
