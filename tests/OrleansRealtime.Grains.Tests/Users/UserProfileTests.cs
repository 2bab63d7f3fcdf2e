using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserProfileTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    private const string Wallet = "0xAbCdEf0123456789abcdef0123456789ABCDEF01";

    [Fact]
    public async Task A_new_user_has_an_empty_profile()
    {
        var userId = TestTimeouts.NewKey("user");

        var profile = await fixture.User(userId).GetProfileAsync().WithTimeout();

        Assert.Equal(new UserProfile { UserId = userId, Wallets = profile.Wallets }, profile);
        Assert.Empty(profile.Wallets);
    }

    [Fact]
    public async Task Updating_sets_given_fields_keeps_null_ones_clears_empty_ones_and_emits_profile_updated()
    {
        var (user, probe, userId) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.UpdateProfileAsync(new ProfileUpdate { DisplayName = "Ada", Bio = "Counts things" }).WithTimeout();
        var kept = await user.UpdateProfileAsync(new ProfileUpdate { Bio = "" }).WithTimeout();

        Assert.Equal(("Ada", (string?)null), (kept.DisplayName, kept.Bio));
        Assert.Equal(fixture.Time.GetUtcNow(), kept.UpdatedAt);
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Equal(2, events.Count);
        Assert.Equal(["user_id", "display_name", "bio", "wallets"], UserEvents.FieldNames(events[1]));
        var last = events[1].DataAs<ProfileUpdatedData>();
        Assert.Equal((userId, "Ada", (string?)null), (last.UserId, last.DisplayName, last.Bio));
    }

    [Fact]
    public async Task An_update_that_changes_nothing_emits_nothing()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.UpdateProfileAsync(new ProfileUpdate { DisplayName = "Ada" }).WithTimeout();

        await user.UpdateProfileAsync(new ProfileUpdate { DisplayName = "Ada" }).WithTimeout();
        await user.UpdateProfileAsync(new ProfileUpdate()).WithTimeout();

        Assert.Single(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Theory]
    [InlineData("display_name_too_long")]
    [InlineData("invalid_display_name")]
    [InlineData("bio_too_long")]
    public async Task Bad_profile_input_is_refused_and_changes_nothing(string code)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var update = code switch
        {
            "display_name_too_long" => new ProfileUpdate { DisplayName = new string('a', UserLimits.MaxDisplayNameLength + 1) },
            "invalid_display_name" => new ProfileUpdate { DisplayName = "Ada\nLovelace" },
            _ => new ProfileUpdate { DisplayName = "Ada", Bio = new string('b', UserLimits.MaxBioLength + 1) },
        };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.UpdateProfileAsync(update).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Null((await user.GetProfileAsync().WithTimeout()).DisplayName);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task An_evm_wallet_is_stored_lower_case_and_owned_whatever_the_casing()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var wallets = await user.LinkWalletAsync(Wallet).WithTimeout();

        Assert.Equal(Wallet.ToLowerInvariant(), Assert.Single(wallets).Address);
        Assert.True(await user.OwnsWalletAsync(Wallet.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)).WithTimeout());
        Assert.True(await user.OwnsWalletAsync(Wallet.ToLowerInvariant()).WithTimeout());
        Assert.False(await user.OwnsWalletAsync("0x" + new string('1', 40)).WithTimeout());
        Assert.False(await user.OwnsWalletAsync("not a wallet").WithTimeout());
        var updated = (await probe.WaitForAsync("profile_updated")).DataAs<ProfileUpdatedData>();
        Assert.Equal([Wallet.ToLowerInvariant()], updated.Wallets);
    }

    [Fact]
    public async Task Other_chains_addresses_are_compared_exactly()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        const string Solana = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";

        await user.LinkWalletAsync(Solana).WithTimeout();

        Assert.True(await user.OwnsWalletAsync(Solana).WithTimeout());
        Assert.False(await user.OwnsWalletAsync(Solana.ToLowerInvariant()).WithTimeout());
    }

    [Fact]
    public async Task Linking_twice_is_idempotent_and_unlinking_removes_it()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.LinkWalletAsync(Wallet).WithTimeout();
        await user.LinkWalletAsync(Wallet.ToLowerInvariant()).WithTimeout();
        var after = await user.UnlinkWalletAsync(Wallet).WithTimeout();

        Assert.Empty(after);
        Assert.Empty(await user.ListWalletsAsync().WithTimeout());
        Assert.False(await user.OwnsWalletAsync(Wallet).WithTimeout());
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Equal(2, events.Count(e => e.Type == "profile_updated")); // link, unlink; not the repeated link
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("0x12345678901234567890123456789012345678901")]
    [InlineData("0xZZ34567890123456789012345678901234567890")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task Malformed_wallet_addresses_are_refused(string address)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.LinkWalletAsync(address).WithTimeout());

        Assert.Equal("invalid_wallet_address", ex.ErrorCode);
        Assert.Empty(await user.ListWalletsAsync().WithTimeout());
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task An_address_longer_than_128_characters_is_refused()
    {
        var user = fixture.User(TestTimeouts.NewKey("user"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.LinkWalletAsync(new string('a', UserLimits.MaxWalletAddressLength + 1)).WithTimeout());

        Assert.Equal("invalid_wallet_address", ex.ErrorCode);
    }

    [Fact]
    public async Task Unlinking_a_wallet_that_is_not_linked_is_not_found()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainNotFoundException>(() => user.UnlinkWalletAsync(Wallet).WithTimeout());

        Assert.Equal("wallet_not_found", ex.ErrorCode);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task At_most_twenty_wallets_may_be_linked()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        for (var i = 0; i < UserLimits.MaxWallets; i++)
        {
            await user.LinkWalletAsync($"0x{i:x40}").WithTimeout();
        }

        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => user.LinkWalletAsync("0x" + new string('f', 40)).WithTimeout());

        Assert.Equal("too_many_wallets", ex.ErrorCode);
        Assert.Equal(UserLimits.MaxWallets, (await user.ListWalletsAsync().WithTimeout()).Count);
    }
}
