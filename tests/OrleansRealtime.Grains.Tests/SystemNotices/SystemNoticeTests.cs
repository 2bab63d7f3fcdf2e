using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.SystemNotices;

public sealed class SystemNoticeTests
{
    private static readonly DateTimeOffset Start = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);

    private static SystemNotificationData Notification => new()
    {
        Level = SystemLevels.Info,
        Title = "Platform API Update",
        Message = "Steam Web API is experiencing intermittent issues. Sync operations may be delayed.",
        Action = new SystemNotificationAction { Type = "url", Label = "View Status", Url = "https://steamstat.us/" },
        Dismissible = true,
        ExpiresAt = new DateTimeOffset(2024, 7, 20, 18, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task A_system_notification_is_broadcast_with_document_003s_fields()
    {
        await using var env = await SystemEnvironment.StartAsync(Start);

        var sent = await env.System.SendNotificationAsync(Notification).WithTimeout();

        var received = await env.Probe.WaitForAsync("system_notification");
        Assert.Equal(sent.Id, received.Id);
        Assert.Equal(Start, received.Timestamp);
        Assert.Equal(["level", "title", "message", "action", "dismissible", "expires_at"], SystemEvents.FieldNames(received));
        Assert.Equal(["type", "label", "url"], received.Data.GetProperty("action").EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-07-20T18:00:00.000Z", received.Data.GetProperty("expires_at").GetString());
        Assert.Equal(Notification, received.DataAs<SystemNotificationData>());
    }

    [Fact]
    public async Task A_notification_without_action_or_expiry_is_accepted()
    {
        await using var env = await SystemEnvironment.StartAsync(Start);

        await env.System.SendNotificationAsync(Notification with { Action = null, ExpiresAt = null, Level = SystemLevels.Error }).WithTimeout();

        var data = (await env.Probe.WaitForAsync("system_notification")).DataAs<SystemNotificationData>();
        Assert.Equal((SystemLevels.Error, (SystemNotificationAction?)null, (DateTimeOffset?)null), (data.Level, data.Action, data.ExpiresAt));
    }

    public static TheoryData<string, string> BadNotifications => new()
    {
        { "level", "invalid_level" },
        { "title", "title_required" },
        { "long_title", "title_too_long" },
        { "message", "message_required" },
        { "long_message", "message_too_long" },
        { "action_type", "invalid_action" },
        { "action_label", "invalid_action" },
        { "action_url", "invalid_action_url" },
        { "action_url_scheme", "invalid_action_url" },
        { "expired", "expires_at_in_past" },
    };

    [Theory]
    [MemberData(nameof(BadNotifications))]
    public async Task Bad_notifications_are_refused_and_nothing_is_broadcast(string what, string code)
    {
        await using var env = await SystemEnvironment.StartAsync(Start);
        var n = Notification;
        var bad = what switch
        {
            "level" => n with { Level = "critical" },
            "title" => n with { Title = "" },
            "long_title" => n with { Title = new string('t', SystemLimits.MaxTitleLength + 1) },
            "message" => n with { Message = " " },
            "long_message" => n with { Message = new string('m', SystemLimits.MaxMessageLength + 1) },
            "action_type" => n with { Action = n.Action! with { Type = "open url" } },
            "action_label" => n with { Action = n.Action! with { Label = "" } },
            "action_url" => n with { Action = n.Action! with { Url = "/relative" } },
            "action_url_scheme" => n with { Action = n.Action! with { Url = "javascript:alert(1)" } },
            _ => n with { ExpiresAt = Start },
        };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => env.System.SendNotificationAsync(bad).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Empty(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    [Fact]
    public async Task A_status_update_is_broadcast_and_remembered_per_component()
    {
        await using var env = await SystemEnvironment.StartAsync(Start);
        var update = new SystemStatusUpdateData
        {
            Component = "steam_api",
            Status = ComponentStatuses.Degraded,
            Message = "Steam API response times elevated",
            Impact = "Sync operations may take longer than usual",
            EstimatedResolution = new DateTimeOffset(2024, 7, 20, 14, 0, 0, TimeSpan.Zero),
        };

        await env.System.SendStatusUpdateAsync(update).WithTimeout();
        await env.System.SendStatusUpdateAsync(update with { Component = "ai", Status = ComponentStatuses.Operational, Impact = null, EstimatedResolution = null }).WithTimeout();
        await env.System.SendStatusUpdateAsync(update with { Status = ComponentStatuses.Operational, Message = "Recovered" }).WithTimeout();

        var first = await env.Probe.WaitForAsync("system_status_update");
        Assert.Equal(["component", "status", "message", "impact", "estimated_resolution"], SystemEvents.FieldNames(first));
        Assert.Equal(update, first.DataAs<SystemStatusUpdateData>());
        var statuses = await env.System.GetComponentStatusesAsync().WithTimeout();
        Assert.Equal([("ai", "operational"), ("steam_api", "operational")], statuses.Select(s => (s.Component, s.Status)));
        Assert.Equal("Recovered", statuses[1].Message);
    }

    [Theory]
    [InlineData("steam api", "degraded", "m", "invalid_component")]
    [InlineData("", "degraded", "m", "invalid_component")]
    [InlineData("steam_api", "on_fire", "m", "invalid_status")]
    [InlineData("steam_api", "degraded", "", "message_required")]
    public async Task Bad_status_updates_are_refused_and_nothing_is_recorded_or_broadcast(string component, string status, string message, string code)
    {
        await using var env = await SystemEnvironment.StartAsync(Start);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => env.System.SendStatusUpdateAsync(new SystemStatusUpdateData { Component = component, Status = status, Message = message }).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Empty(await env.System.GetComponentStatusesAsync().WithTimeout());
        Assert.Empty(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    [Fact]
    public async Task An_announcement_is_broadcast_as_message()
    {
        await using var env = await SystemEnvironment.StartAsync(Start);

        await env.System.SendAnnouncementAsync("Scheduled maintenance in 10 minutes").WithTimeout();

        var received = await env.Probe.WaitForAsync("system_announcement");
        Assert.Equal(["message"], SystemEvents.FieldNames(received));
        Assert.Equal("Scheduled maintenance in 10 minutes", received.DataAs<SystemAnnouncementData>().Message);
    }

    [Theory]
    [InlineData("", "message_required")]
    [InlineData(null, "message_too_long")]
    public async Task Bad_announcements_are_refused(string? message, string code)
    {
        await using var env = await SystemEnvironment.StartAsync(Start);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => env.System.SendAnnouncementAsync(message ?? new string('m', SystemLimits.MaxMessageLength + 1)).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Empty(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    [Fact]
    public async Task Component_statuses_survive_a_silo_restart()
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await DomainCluster.StartAsync(time, SystemEnvironment.LongClientLeases);
        var system = cluster.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);
        await system.SendStatusUpdateAsync(new SystemStatusUpdateData { Component = "sync", Status = ComponentStatuses.MajorOutage, Message = "Down" }).WithTimeout();

        await cluster.RestartSiloAsync().WithTimeout();

        var status = Assert.Single(await system.GetComponentStatusesAsync().WithTimeout());
        Assert.Equal(("sync", "major_outage", Start), (status.Component, status.Status, status.UpdatedAt));
    }
}
