using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Api.Users;

[Collection(GatewayCollection.Name)]
public sealed class BalanceApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Theory]
    [InlineData("service")]
    [InlineData("admin")]
    public async Task Deposit_ByAServiceOrAdmin_Returns200_CreditsTheBalance_AndPublishesBalanceUpdate(string role)
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var service = Host.As(TestTimeouts.NewKey(role), role);
        using var http = Host.As(user);

        using var response = await service.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 150, reason = "top up" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await response.JsonAsync();
        Assert.Equal("deposit", entry.GetProperty("kind").GetString());
        Assert.Equal(150, entry.GetProperty("amount").GetInt64());
        Assert.Equal(150, entry.GetProperty("balance_after").GetInt64());
        var update = await probe.WaitForAsync("balance:update");
        Assert.Equal(150, update.Data.GetProperty("balance").GetInt64());
        var balance = await (await http.GetAsyncWithTimeout($"/api/users/{user}/balance")).JsonAsync();
        Assert.Equal(150, balance.GetProperty("balance").GetInt64());
        Assert.Equal(user, balance.GetProperty("user_id").GetString());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(UserLimits.MaxAmount)]
    [InlineData(-5)]
    public async Task Deposit_ByThePlainUserOnTheirOwnBalance_Gets403_ChangesNothing_PublishesNothing(long amount)
    {
        var user = TestTimeouts.NewKey("user");
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(20).WithTimeout();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var http = Host.As(user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount, reason = "free money" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("service or admin", problem.GetProperty("detail").GetString());
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        Assert.Equal(20, await grain.GetBalanceAsync().WithTimeout());
        Assert.Single(await grain.GetLedgerAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task Withdraw_DebitsTheBalance_AndPublishesBalanceUpdate()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        using var service = Host.As("billing", "service");
        (await service.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 100 })).EnsureSuccessStatusCode();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var entry = await (await http.PostJsonAsync($"/api/users/{user}/balance/withdraw", new { amount = 40 })).JsonAsync();

        Assert.Equal("withdraw", entry.GetProperty("kind").GetString());
        Assert.Equal(60, entry.GetProperty("balance_after").GetInt64());
        Assert.Equal(60, (await probe.WaitForAsync("balance:update")).Data.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task WithdrawBeyondTheBalance_Gets409_AndChangesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        using var service = Host.As("billing", "service");
        (await service.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 30 })).EnsureSuccessStatusCode();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/balance/withdraw", new { amount = 31 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "insufficient_balance");
        Assert.Equal(30, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Theory]
    [InlineData("deposit", 0)]
    [InlineData("deposit", -5)]
    [InlineData("deposit", 1_000_000_001)]
    [InlineData("deposit", long.MaxValue)]
    [InlineData("withdraw", -1)]
    [InlineData("withdraw", 0)]
    [InlineData("withdraw", 5_000_000_000)]
    public async Task NegativeZeroOrAbsurdAmount_Gets400_InvalidAmount_AndChangesNothing(string operation, long amount)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        using var service = Host.As("billing", "service");
        (await service.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 10 })).EnsureSuccessStatusCode();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        // Deposits need a service; a withdrawal is the user's own.
        using var response = await (operation == "deposit" ? service : http).PostJsonAsync($"/api/users/{user}/balance/{operation}", new { amount });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_amount");
        Assert.Equal(10, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
        Assert.Single(await Host.Client.GetGrain<IUserGrain>(user).GetLedgerAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Theory]
    [InlineData("{\"amount\": 1.5}")]
    [InlineData("{\"amount\": \"100\"}")]
    [InlineData("{\"amount\": 1e30}")]
    [InlineData("{\"amount\": 99999999999999999999999}")]
    public async Task NonIntegerAmount_Gets400_MalformedJson(string body)
    {
        var user = TestTimeouts.NewKey("user");
        using var service = Host.As("billing", "service");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await service.PostRawAsync($"/api/users/{user}/balance/deposit", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(0, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task DailyReward_CreditsOncePerDay_WithBalanceUpdateAndNotification()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var entry = await (await http.PostJsonAsync($"/api/users/{user}/balance/daily-reward", null)).JsonAsync();

        Assert.Equal("daily_reward", entry.GetProperty("kind").GetString());
        var reward = entry.GetProperty("amount").GetInt64();
        Assert.True(reward > 0);
        Assert.Equal(reward, (await probe.WaitForAsync("balance:update")).Data.GetProperty("balance").GetInt64());
        var notification = await probe.WaitForAsync("notification");
        Assert.Equal("Daily Reward", notification.Data.GetProperty("title").GetString());

        using var again = await http.PostJsonAsync($"/api/users/{user}/balance/daily-reward", null);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "daily_reward_already_claimed");
        Assert.Equal(reward, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
        Assert.Equal(2, (await probe.EventsBeforeBarrierAsync(Host.Client, user)).Count);
    }

    [Fact]
    public async Task Ledger_ListsMovementsNewestFirst_AndRefusesABadLimit()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        using var service = Host.As("billing", "service");
        (await service.PostJsonAsync($"/api/users/{user}/balance/deposit", new { amount = 10 })).EnsureSuccessStatusCode();
        (await http.PostJsonAsync($"/api/users/{user}/balance/withdraw", new { amount = 3 })).EnsureSuccessStatusCode();

        var ledger = await (await http.GetAsyncWithTimeout($"/api/users/{user}/balance/ledger?limit=10")).JsonAsync();

        Assert.Equal(["withdraw", "deposit"], ledger.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/users/{user}/balance/ledger?limit=0"), HttpStatusCode.BadRequest, "invalid_limit");
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/users/{user}/balance/ledger?limit=abc"), HttpStatusCode.BadRequest, "invalid_parameter");
    }
}
