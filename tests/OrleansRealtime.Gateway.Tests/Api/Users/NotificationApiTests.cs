using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Api.Users;

[Collection(GatewayCollection.Name)]
public sealed class NotificationApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Create_Returns201_AndPublishesNotification()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/notifications", new { title = "Saved", message = "Your game was saved", type = "success" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var notification = await probe.WaitForAsync("notification");
        Assert.Equal(created.GetProperty("id").GetString(), notification.Data.GetProperty("id").GetString());
        Assert.Equal("Saved", notification.Data.GetProperty("title").GetString());
        Assert.Equal("success", notification.Data.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ListAndMarkRead_ReportUnreadAndPublishNotificationsRead()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var first = await (await http.PostJsonAsync($"/api/users/{user}/notifications", new { title = "One", message = "1" })).JsonAsync();
        (await http.PostJsonAsync($"/api/users/{user}/notifications", new { title = "Two", message = "2" })).EnsureSuccessStatusCode();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var marked = await (await http.PostJsonAsync($"/api/users/{user}/notifications/read", new { ids = new[] { first.GetProperty("id").GetString() } })).JsonAsync();
        Assert.Equal(1, marked.GetProperty("marked").GetInt32());
        var read = await probe.WaitForAsync("notifications_read");
        Assert.Equal(1, read.Data.GetProperty("unread_count").GetInt32());

        var unread = await (await http.GetAsyncWithTimeout($"/api/users/{user}/notifications?unread_only=true")).JsonAsync();
        Assert.Equal(["Two"], unread.EnumerateArray().Select(n => n.GetProperty("title").GetString()));

        var all = await (await http.PostJsonAsync($"/api/users/{user}/notifications/read", new { all = true })).JsonAsync();
        Assert.Equal(1, all.GetProperty("marked").GetInt32());
        var everything = await (await http.GetAsyncWithTimeout($"/api/users/{user}/notifications?limit=10")).JsonAsync();
        Assert.All(everything.EnumerateArray(), n => Assert.True(n.GetProperty("read").GetBoolean()));
    }

    [Fact]
    public async Task MarkUnknownId_Gets404_AndMarksNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var known = await (await http.PostJsonAsync($"/api/users/{user}/notifications", new { title = "One", message = "1" })).JsonAsync();
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/notifications/read", new { ids = new[] { known.GetProperty("id").GetString(), "nope" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "notification_not_found");
        Assert.Single(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync(unreadOnly: true).WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task MarkReadWithoutIdsOrAll_Gets400_MissingField()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/notifications/read", new { });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_field");
    }

    public static TheoryData<string, object> BadNotifications() => new()
    {
        { "title_too_long", new { title = new string('t', UserLimits.MaxTitleLength + 1), message = "m" } },
        { "message_too_long", new { title = "t", message = new string('m', UserLimits.MaxMessageLength + 1) } },
        { "title_required", new { title = "", message = "m" } },
        { "invalid_notification_type", new { title = "t", message = "m", type = "shout" } },
    };

    [Theory]
    [MemberData(nameof(BadNotifications))]
    public async Task BadNotification_Gets400_AndStoresNothing(string errorCode, object body)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/notifications", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }
}
