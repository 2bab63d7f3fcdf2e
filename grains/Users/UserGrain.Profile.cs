using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Input;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    public Task<UserProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task<UserProfile> UpdateProfileAsync(ProfileUpdate update)
    {
        RequiredInput.NotNull(update, "The profile update");
        UserValidation.Line(update.DisplayName, "display_name", UserLimits.MaxDisplayNameLength);
        if (update.Bio is { Length: > UserLimits.MaxBioLength })
        {
            throw new DomainValidationException("bio_too_long", $"The bio has {update.Bio.Length} characters; at most {UserLimits.MaxBioLength} are allowed.");
        }

        // null keeps a field, "" clears it.
        var displayName = update.DisplayName is null ? State.DisplayName : NullIfEmpty(update.DisplayName);
        var bio = update.Bio is null ? State.Bio : NullIfEmpty(update.Bio);
        if (displayName == State.DisplayName && bio == State.Bio)
        {
            return Profile();
        }

        State.DisplayName = displayName;
        State.Bio = bio;
        State.ProfileUpdatedAt = Now;
        await WriteStateAsync();
        await PublishProfileAsync();
        return Profile();
    }

    public async Task<IReadOnlyList<LinkedWallet>> LinkWalletAsync(string address)
    {
        var canonical = CanonicalWallet(address);
        if (State.Wallets.Any(w => w.Address == canonical))
        {
            return State.Wallets;
        }

        if (State.Wallets.Count >= UserLimits.MaxWallets)
        {
            throw new DomainConflictException("too_many_wallets", $"A user may link at most {UserLimits.MaxWallets} wallets; unlink one first.");
        }

        State.Wallets.Add(new LinkedWallet { Address = canonical, LinkedAt = Now });
        State.ProfileUpdatedAt = Now;
        await WriteStateAsync();
        await PublishProfileAsync();
        return State.Wallets;
    }

    public async Task<IReadOnlyList<LinkedWallet>> UnlinkWalletAsync(string address)
    {
        var canonical = CanonicalWallet(address);
        var index = State.Wallets.FindIndex(w => w.Address == canonical);
        if (index < 0)
        {
            throw new DomainNotFoundException("wallet_not_found", "That wallet address is not linked to this user.");
        }

        State.Wallets.RemoveAt(index);
        State.ProfileUpdatedAt = Now;
        await WriteStateAsync();
        await PublishProfileAsync();
        return State.Wallets;
    }

    public Task<IReadOnlyList<LinkedWallet>> ListWalletsAsync() => Task.FromResult<IReadOnlyList<LinkedWallet>>(State.Wallets);

    public Task<bool> OwnsWalletAsync(string address) =>
        Task.FromResult(WalletAddresses.TryNormalize(address, out var canonical) && State.Wallets.Any(w => w.Address == canonical));

    private static string CanonicalWallet(string address) =>
        WalletAddresses.TryNormalize(address, out var canonical)
            ? canonical
            : throw new DomainValidationException("invalid_wallet_address",
                $"A wallet address is 0x followed by 40 hex digits, or 1 to {UserLimits.MaxWalletAddressLength} characters of letters, digits, '_', '.', ':' or '-'.");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private UserProfile Profile() => new()
    {
        UserId = UserId,
        DisplayName = State.DisplayName,
        Bio = State.Bio,
        Wallets = [.. State.Wallets],
        UpdatedAt = State.ProfileUpdatedAt,
    };

    private Task PublishProfileAsync() =>
        PublishToUserAsync(UserId, new ProfileUpdatedData(UserId, State.DisplayName, State.Bio, [.. State.Wallets.Select(w => w.Address)]));
}
