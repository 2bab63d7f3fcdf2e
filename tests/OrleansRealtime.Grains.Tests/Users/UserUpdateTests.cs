using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserUpdateTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    [Theory]
    [InlineData("created")]
    [InlineData("updated")]
    [InlineData("deleted")]
    public async Task A_task_update_reaches_the_user_as_sent(string action)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var data = UserEvents.Json("""{"task_id": "abc123", "title": "New Task", "priority": 2}""");

        var sent = await user.SendUpdateAsync("task_update", action, data).WithTimeout();

        var received = await probe.WaitForAsync("task_update");
        Assert.Equal(sent.Id, received.Id);
        Assert.Equal(action, received.Action);
        Assert.Equal(fixture.Time.GetUtcNow(), received.Timestamp);
        Assert.True(JsonElement.DeepEquals(data, received.Data));
        var typed = received.DataAs<TaskUpdateData>();
        Assert.Equal("abc123", typed.TaskId);
        Assert.Equal("New Task", typed.Fields!["title"].GetString());
    }

    [Fact]
    public async Task A_plugin_update_of_a_custom_type_reaches_the_user_as_sent()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var data = UserEvents.Json("""{"item_id": "i-1", "title": "Hello"}""");

        await user.SendUpdateAsync("my_plugin_update", "created", data).WithTimeout();
        await user.SendUpdateAsync("my_plugin.refresh", null, UserEvents.Json("{}")).WithTimeout();

        var first = await probe.WaitForAsync("my_plugin_update");
        var second = await probe.WaitForAsync("my_plugin.refresh");
        Assert.Equal("created", first.Action);
        Assert.True(JsonElement.DeepEquals(data, first.Data));
        Assert.Null(second.Action);
    }

    [Theory]
    [InlineData("balance:update")]
    [InlineData("notification")]
    [InlineData("appearance_updated")]
    [InlineData("typing")]
    [InlineData("presence_updated")]
    [InlineData("system_announcement")]
    [InlineData("sync_progress")]
    [InlineData("connection_established")]
    public async Task Catalog_event_types_cannot_be_forged(string type)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SendUpdateAsync(type, null, UserEvents.Json("""{"balance": 1000000}""")).WithTimeout());

        Assert.Equal("reserved_event_type", ex.ErrorCode);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Theory]
    [InlineData("task_update", "archived", """{"task_id": "t"}""", "invalid_task_action")]
    [InlineData("task_update", null, """{"task_id": "t"}""", "invalid_task_action")]
    [InlineData("task_update", "created", """{"title": "no id"}""", "missing_task_id")]
    [InlineData("task_update", "created", """{"task_id": 12}""", "missing_task_id")]
    [InlineData("task_update", "created", """{"task_id": ""}""", "missing_task_id")]
    [InlineData("My Plugin", "created", "{}", "invalid_event_type")]
    [InlineData("", "created", "{}", "invalid_event_type")]
    [InlineData("_plugin", "created", "{}", "invalid_event_type")]
    [InlineData("plugin_update", "Created!", "{}", "invalid_action")]
    [InlineData("plugin_update", "created", "[1, 2]", "invalid_update_data")]
    [InlineData("plugin_update", "created", "\"text\"", "invalid_update_data")]
    [InlineData("plugin_update", "created", "null", "invalid_update_data")]
    public async Task Bad_updates_are_refused_and_emit_nothing(string type, string? action, string json, string code)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SendUpdateAsync(type, action, UserEvents.Json(json)).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task Update_data_over_64_KiB_is_refused()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var big = UserEvents.Json(JsonSerializer.Serialize(new { blob = new string('x', UserLimits.MaxUpdateDataBytes) }));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SendUpdateAsync("plugin_update", "created", big).WithTimeout());

        Assert.Equal("update_data_too_large", ex.ErrorCode);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task A_type_name_longer_than_64_characters_is_refused()
    {
        var user = fixture.User(TestTimeouts.NewKey("user"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SendUpdateAsync(new string('a', 65), null, UserEvents.Json("{}")).WithTimeout());

        Assert.Equal("invalid_event_type", ex.ErrorCode);
    }
}
