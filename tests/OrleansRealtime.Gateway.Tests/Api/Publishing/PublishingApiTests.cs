using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Api.Publishing;

/// <summary>Document 002's server-side publishing: send_to_user with any {type, action, data}, and broadcast (admin only).</summary>
[Collection(GatewayCollection.Name)]
public sealed class PublishingApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task SendToUser_TaskUpdate_ArrivesAsSent()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var http = Host.As("tasks-service", "service");

        using var response = await http.PostJsonAsync($"/api/users/{user}/messages",
            new { type = "task_update", action = "created", data = new { task_id = "abc123", title = "New Task" } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = await response.JsonAsync();
        var update = await probe.WaitForAsync("task_update");
        Assert.Equal(published.GetProperty("id").GetString(), update.Id);
        Assert.Equal("created", update.Action);
        Assert.Equal("abc123", update.Data.GetProperty("task_id").GetString());
        Assert.Equal("New Task", update.Data.GetProperty("title").GetString());
    }

    [Fact]
    public async Task SendToUser_PluginType_ArrivesWithItsData()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var http = Host.As(user);

        (await http.PostJsonAsync($"/api/users/{user}/messages",
            new { type = "my_plugin_update", action = "created", data = new { item_id = "i1", title = "Hello", nested = new { n = 1 } } })).EnsureSuccessStatusCode();

        var update = await probe.WaitForAsync("my_plugin_update");
        Assert.Equal("i1", update.Data.GetProperty("item_id").GetString());
        Assert.Equal(1, update.Data.GetProperty("nested").GetProperty("n").GetInt32());
    }

    public static TheoryData<string, object> BadUpdates() => new()
    {
        { "reserved_event_type", new { type = "balance:update", data = new { balance = 1_000_000 } } },
        { "invalid_event_type", new { type = "Bad Type!", data = new { } } },
        { "invalid_task_action", new { type = "task_update", action = "exploded", data = new { task_id = "t" } } },
        { "missing_task_id", new { type = "task_update", action = "created", data = new { title = "no id" } } },
        { "invalid_update_data", new { type = "my_plugin", data = "a string" } },
    };

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task SendToUser_BadUpdate_Gets400_AndPublishesNothing(string errorCode, object body)
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        using var http = Host.As(user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/messages", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task SendToUser_WithoutData_Gets400_MissingField()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);

        using var response = await http.PostJsonAsync($"/api/users/{user}/messages", new { type = "my_plugin" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_field");
    }

    [Fact]
    public async Task Broadcast_ByAdmin_ReachesTheBroadcastStream()
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var http = Host.As("ops", "admin");
        var message = $"Scheduled maintenance in 10 minutes ({Guid.NewGuid():N})";

        using var response = await http.PostJsonAsync("/api/broadcast", new { type = "system_announcement", message });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var announcement = await probe.WaitForAsync("system_announcement", e => e.Data.GetProperty("message").GetString() == message);
        Assert.Equal((await response.JsonAsync()).GetProperty("id").GetString(), announcement.Id);
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("service")]
    public async Task Broadcast_WithoutAdminRole_Gets403_AndBroadcastsNothing(string role)
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var http = Host.As(TestTimeouts.NewKey("caller"), role);
        var message = $"forged {Guid.NewGuid():N}";

        using var response = await http.PostJsonAsync("/api/broadcast", new { message });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        using var admin = Host.As("ops", "admin");
        var marker = $"marker {Guid.NewGuid():N}";
        (await admin.PostJsonAsync("/api/broadcast", new { message = marker })).EnsureSuccessStatusCode();
        await probe.WaitForAsync("system_announcement", e => e.Data.GetProperty("message").GetString() == marker);
        Assert.DoesNotContain(probe.Received, e => e.Data.TryGetProperty("message", out var m) && m.GetString() == message);
    }

    [Fact]
    public async Task Broadcast_OfAnotherType_Gets400()
    {
        using var http = Host.As("ops", "admin");

        using var response = await http.PostJsonAsync("/api/broadcast", new { type = "balance:update", message = "x" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "unsupported_broadcast_type");
    }
}
