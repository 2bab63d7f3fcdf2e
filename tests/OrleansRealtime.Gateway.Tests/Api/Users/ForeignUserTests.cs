using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Api.Users;

/// <summary>A user acts only on their own resources; a service or admin token acts on anyone's.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ForeignUserTests(GatewayFixture fixture)
{
    /// <summary>A wallet every victim has linked, so a refused unlink can be seen to have kept it.</summary>
    private const string VictimWallet = "0x2222222222222222222222222222222222222222";

    private GatewayHost Host => fixture.Host;

    public static TheoryData<string, string, object?> Writes() => new()
    {
        { "POST", "balance/deposit", new { amount = 10 } },
        { "POST", "balance/withdraw", new { amount = 1 } },
        { "POST", "balance/daily-reward", null },
        { "POST", "notifications", new { title = "t", message = "m" } },
        { "POST", "notifications/read", new { all = true } },
        { "PATCH", "profile", new { display_name = "Mallory" } },
        { "POST", "wallets", new { address = "0x1111111111111111111111111111111111111111" } },
        { "DELETE", $"wallets/{VictimWallet}", null },
        { "PUT", "appearance/app1/avatar", new { item_id = "a1" } },
        { "PUT", "typing", new { is_typing = true } },
        { "POST", "messages", new { type = "task_update", action = "created", data = new { task_id = "t1" } } },
        { "PUT", "personas/coach/check-in", new { enabled = true } },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_OnAnotherUsersResource_Gets403_ChangesNothing_PublishesNothing(string method, string path, object? body)
    {
        var victim = TestTimeouts.NewKey("victim");
        await Host.Client.GetGrain<IUserGrain>(victim).DepositAsync(50).WithTimeout();
        await Host.Client.GetGrain<IUserGrain>(victim).LinkWalletAsync(VictimWallet).WithTimeout();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, victim);
        using var http = Host.As(TestTimeouts.NewKey("mallory"), "reader");

        using var response = await SendAsync(http, method, $"/api/users/{victim}/{path}", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var grain = Host.Client.GetGrain<IUserGrain>(victim);
        Assert.Equal(50, await grain.GetBalanceAsync().WithTimeout());
        Assert.Empty(await grain.ListNotificationsAsync().WithTimeout());
        Assert.Null((await grain.GetProfileAsync().WithTimeout()).DisplayName);
        Assert.Equal([VictimWallet], (await grain.ListWalletsAsync().WithTimeout()).Select(w => w.Address));
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, victim));
    }

    [Theory]
    [InlineData("balance")]
    [InlineData("balance/ledger")]
    [InlineData("profile")]
    [InlineData("wallets")]
    [InlineData("notifications")]
    [InlineData("presence")]
    [InlineData("appearance/app1")]
    public async Task Read_OfAnotherUsersResource_Gets403(string path)
    {
        using var http = Host.As(TestTimeouts.NewKey("mallory"));

        using var response = await http.GetAsyncWithTimeout($"/api/users/{TestTimeouts.NewKey("victim")}/{path}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("service")]
    [InlineData("admin")]
    public async Task ServiceOrAdmin_MayActForAnyUser(string role)
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var http = Host.As(TestTimeouts.NewKey(role), role);

        var entry = await (await http.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 25 })).JsonAsync();

        Assert.Equal(25, entry.GetProperty("balance_after").GetInt64());
        Assert.Equal(25, (await probe.WaitForAsync("balance:update")).Data.GetProperty("balance").GetInt64());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, object? body) => method switch
    {
        "POST" => http.PostJsonAsync(path, body),
        "PUT" => http.PutJsonAsync(path, body),
        "PATCH" => http.PatchJsonAsync(path, body),
        "DELETE" => http.DeleteAsync(path).WithTimeout(),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
