using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Api.Users;

[Collection(GatewayCollection.Name)]
public sealed class ProfileApiTests(GatewayFixture fixture)
{
    private const string Wallet = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task UpdateProfile_ChangesTheFields_AndPublishesProfileUpdated()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var profile = await (await http.PatchJsonAsync($"/api/users/{user}/profile", new { display_name = "Alice", bio = "Plays a lot" })).JsonAsync();

        Assert.Equal("Alice", profile.GetProperty("display_name").GetString());
        var updated = await probe.WaitForAsync("profile_updated");
        Assert.Equal("Alice", updated.Data.GetProperty("display_name").GetString());
        var read = await (await http.GetAsyncWithTimeout($"/api/users/{user}/profile")).JsonAsync();
        Assert.Equal("Plays a lot", read.GetProperty("bio").GetString());
    }

    [Fact]
    public async Task OversizeBio_Gets400_AndChangesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PatchJsonAsync($"/api/users/{user}/profile", new { bio = new string('b', UserLimits.MaxBioLength + 1) });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "bio_too_long");
        Assert.Null((await Host.Client.GetGrain<IUserGrain>(user).GetProfileAsync().WithTimeout()).Bio);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task Wallets_LinkListAndUnlink_EachPublishingProfileUpdated()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var linked = await (await http.PostJsonAsync($"/api/users/{user}/wallets", new { address = Wallet })).JsonAsync();
        Assert.Equal(Wallet.ToLowerInvariant(), linked[0].GetProperty("address").GetString());
        var listed = await (await http.GetAsyncWithTimeout($"/api/users/{user}/wallets")).JsonAsync();
        Assert.Equal(1, listed.GetArrayLength());
        var unlinked = await (await http.DeleteAsync($"/api/users/{user}/wallets/{Wallet}").WithTimeout()).JsonAsync();
        Assert.Equal(0, unlinked.GetArrayLength());

        var updates = await probe.EventsBeforeBarrierAsync(Host.Client, user);
        Assert.Equal(2, updates.Count(e => e.Type == "profile_updated"));
    }

    [Fact]
    public async Task MalformedWallet_Gets400_AndLinksNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/wallets", new { address = "0x1234" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_wallet_address");
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListWalletsAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task UnlinkUnknownWallet_Gets404()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);

        using var response = await http.DeleteAsync($"/api/users/{user}/wallets/{Wallet}").WithTimeout();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "wallet_not_found");
    }

    [Theory]
    [InlineData("avatar")]
    [InlineData("banner")]
    [InlineData("theme")]
    public async Task SetAppearance_PublishesAppearanceUpdated_ExcludingTheOriginSession(string item)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        http.DefaultRequestHeaders.Add("X-Session-Id", "session-a");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var selection = await (await http.PutJsonAsync($"/api/users/{user}/appearance/emotion_tracker/{item}", new { item_id = $"{item}_42" })).JsonAsync();

        Assert.Equal($"{item}_42", selection.GetProperty(item).GetString());
        var updated = await probe.WaitForAsync("appearance_updated");
        Assert.Equal("emotion_tracker", updated.Data.GetProperty("app_key").GetString());
        Assert.Equal(item, updated.Data.GetProperty("updated_item").GetString());
        Assert.Equal($"{item}_42", updated.Data.GetProperty("new_item_id").GetString());
        Assert.Equal("session-a", updated.ExcludeSessionId);
        var read = await (await http.GetAsyncWithTimeout($"/api/users/{user}/appearance/emotion_tracker")).JsonAsync();
        Assert.Equal($"{item}_42", read.GetProperty(item).GetString());
    }

    [Fact]
    public async Task SetAppearance_WithoutSessionHeader_ReachesEverySession()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        (await http.PutJsonAsync($"/api/users/{user}/appearance/app1/theme", new { item_id = "dark" })).EnsureSuccessStatusCode();

        Assert.Null((await probe.WaitForAsync("appearance_updated")).ExcludeSessionId);
    }

    [Fact]
    public async Task UnknownItemKind_Gets400_AndChangesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PutJsonAsync($"/api/users/{user}/appearance/app1/hat", new { item_id = "top_hat" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "unknown_item_kind");
        var selection = await Host.Client.GetGrain<IUserGrain>(user).GetAppearanceAsync("app1").WithTimeout();
        Assert.Null(selection.UpdatedAt);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }
}
