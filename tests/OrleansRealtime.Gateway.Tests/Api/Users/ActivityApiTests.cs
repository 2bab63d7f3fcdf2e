using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Api.Users;

[Collection(GatewayCollection.Name)]
public sealed class ActivityApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Typing_PublishesTyping_ToTheOtherSessions()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        http.DefaultRequestHeaders.Add("X-Session-Id", "phone");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PutJsonAsync($"/api/users/{user}/typing", new { is_typing = true });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var typing = await probe.WaitForAsync("typing");
        Assert.True(typing.Data.GetProperty("is_typing").GetBoolean());
        Assert.Equal("phone", typing.ExcludeSessionId);
    }

    [Fact]
    public async Task Presence_ListsTheConnectedSessions()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var empty = await (await http.GetAsyncWithTimeout($"/api/users/{user}/presence")).JsonAsync();
        Assert.Equal(0, empty.GetProperty("sessions").GetArrayLength());

        await Host.Client.GetGrain<IUserGrain>(user).ConnectSessionAsync(new SessionInfo { SessionId = "s1", Device = "browser", Protocol = "ws" }).WithTimeout();

        var presence = await (await http.GetAsyncWithTimeout($"/api/users/{user}/presence")).JsonAsync();
        Assert.Equal(user, presence.GetProperty("user_id").GetString());
        Assert.True(presence.GetProperty("online").GetBoolean());
        Assert.Equal("browser", presence.GetProperty("sessions")[0].GetProperty("device").GetString());
    }
}
