using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserNotificationTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    [Fact]
    public async Task Creating_a_notification_stores_it_and_emits_notification_with_its_id()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var created = await user.CreateNotificationAsync("Build finished", "All 12 jobs passed.", NotificationTypes.Warning).WithTimeout();

        var envelope = await probe.WaitForAsync("notification");
        Assert.Equal(["id", "title", "message", "type", "timestamp"], UserEvents.FieldNames(envelope));
        Assert.Equal(new NotificationData(created.Id, "Build finished", "All 12 jobs passed.", "warning", fixture.Time.GetUtcNow()), envelope.DataAs<NotificationData>());
        var listed = Assert.Single(await user.ListNotificationsAsync().WithTimeout());
        Assert.Equal(created, listed);
        Assert.False(listed.Read);
    }

    [Fact]
    public async Task The_type_defaults_to_info()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var created = await user.CreateNotificationAsync("Hello", "World").WithTimeout();

        Assert.Equal(NotificationTypes.Info, created.Type);
    }

    [Fact]
    public async Task Listing_is_newest_first_and_can_select_unread_only_and_limit()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var a = await user.CreateNotificationAsync("a", "first").WithTimeout();
        var b = await user.CreateNotificationAsync("b", "second").WithTimeout();
        var c = await user.CreateNotificationAsync("c", "third").WithTimeout();
        await user.MarkNotificationsReadAsync([b.Id]).WithTimeout();

        var all = await user.ListNotificationsAsync().WithTimeout();
        var unread = await user.ListNotificationsAsync(unreadOnly: true).WithTimeout();
        var newest = await user.ListNotificationsAsync(limit: 1).WithTimeout();

        Assert.Equal([c.Id, b.Id, a.Id], all.Select(n => n.Id));
        Assert.Equal([c.Id, a.Id], unread.Select(n => n.Id));
        Assert.Equal([c.Id], newest.Select(n => n.Id));
        Assert.True(all[1].Read);
        Assert.Equal(fixture.Time.GetUtcNow(), all[1].ReadAt);
    }

    [Fact]
    public async Task Marking_read_emits_notifications_read_with_the_changed_ids_and_the_unread_count_once()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var a = await user.CreateNotificationAsync("a", "first").WithTimeout();
        var b = await user.CreateNotificationAsync("b", "second").WithTimeout();
        await user.CreateNotificationAsync("c", "third").WithTimeout();

        var changed = await user.MarkNotificationsReadAsync([a.Id, b.Id]).WithTimeout();
        var again = await user.MarkNotificationsReadAsync([a.Id]).WithTimeout();

        Assert.Equal(2, changed);
        Assert.Equal(0, again);
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        var read = Assert.Single(events, e => e.Type == "notifications_read");
        Assert.Equal(["ids", "unread_count"], UserEvents.FieldNames(read));
        var data = read.DataAs<NotificationsReadData>();
        Assert.Equal([a.Id, b.Id], data.Ids);
        Assert.Equal(1, data.UnreadCount);
    }

    [Fact]
    public async Task Marking_all_read_changes_every_unread_notification()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.CreateNotificationAsync("a", "first").WithTimeout();
        await user.CreateNotificationAsync("b", "second").WithTimeout();

        Assert.Equal(2, await user.MarkAllNotificationsReadAsync().WithTimeout());
        Assert.Equal(0, await user.MarkAllNotificationsReadAsync().WithTimeout());

        Assert.Empty(await user.ListNotificationsAsync(unreadOnly: true).WithTimeout());
        var read = await probe.WaitForAsync("notifications_read");
        Assert.Equal(0, read.DataAs<NotificationsReadData>().UnreadCount);
    }

    [Fact]
    public async Task Marking_an_unknown_id_is_not_found_and_marks_none_of_the_others()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var a = await user.CreateNotificationAsync("a", "first").WithTimeout();

        var ex = await Assert.ThrowsAsync<DomainNotFoundException>(() => user.MarkNotificationsReadAsync([a.Id, "nope"]).WithTimeout());

        Assert.Equal("notification_not_found", ex.ErrorCode);
        Assert.Single(await user.ListNotificationsAsync(unreadOnly: true).WithTimeout());
        Assert.DoesNotContain(await UserEvents.BeforeMarkerAsync(user, probe), e => e.Type == "notifications_read");
    }

    [Theory]
    [InlineData("", "message", "info", "title_required")]
    [InlineData("  ", "message", "info", "title_required")]
    [InlineData("title", "", "info", "message_required")]
    [InlineData("title", "message", "fatal", "invalid_notification_type")]
    [InlineData("title", "message", "Info", "invalid_notification_type")]
    [InlineData("title", "message", "", "invalid_notification_type")]
    [InlineData(null, "message", "info", "title_too_long")]
    [InlineData("title", null, "info", "message_too_long")]
    public async Task Bad_notifications_are_refused_and_change_nothing(string? title, string? message, string type, string code)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        title ??= new string('t', UserLimits.MaxTitleLength + 1);
        message ??= new string('m', UserLimits.MaxMessageLength + 1);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.CreateNotificationAsync(title, message, type).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Empty(await user.ListNotificationsAsync().WithTimeout());
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task Title_and_message_at_their_limits_are_accepted()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var created = await user.CreateNotificationAsync(new string('t', UserLimits.MaxTitleLength), new string('m', UserLimits.MaxMessageLength), NotificationTypes.Error).WithTimeout();

        Assert.Equal(UserLimits.MaxTitleLength, created.Title.Length);
    }

    [Fact]
    public async Task Only_the_most_recent_notifications_are_kept()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var first = await user.CreateNotificationAsync("n0", "m").WithTimeout();
        for (var i = 1; i <= UserLimits.MaxNotifications; i++)
        {
            await user.CreateNotificationAsync($"n{i}", "m").WithTimeout();
        }

        var all = await user.ListNotificationsAsync(limit: UserLimits.MaxNotifications).WithTimeout();

        Assert.Equal(UserLimits.MaxNotifications, all.Count);
        Assert.Equal($"n{UserLimits.MaxNotifications}", all[0].Title);
        Assert.DoesNotContain(all, n => n.Id == first.Id);
        await Assert.ThrowsAsync<DomainNotFoundException>(() => user.MarkNotificationsReadAsync([first.Id]).WithTimeout());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(UserLimits.MaxNotifications + 1)]
    public async Task A_list_limit_out_of_range_is_refused(int limit)
    {
        var user = fixture.User(TestTimeouts.NewKey("user"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.ListNotificationsAsync(limit: limit).WithTimeout());

        Assert.Equal("invalid_limit", ex.ErrorCode);
    }
}
