using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Gateway.Tests.Api.SystemNotices;

/// <summary>The admin-only /api/system endpoints: notices broadcast to everyone, component status, maintenance.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SystemApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task SystemNotification_IsBroadcast()
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var admin = Host.As("ops", "admin");
        var title = $"Degraded sync {Guid.NewGuid():N}";

        using var response = await admin.PostJsonAsync("/api/system/notifications", new
        {
            level = "warning",
            title,
            message = "Steam syncs are slow.",
            action = new { type = "url", label = "View Status", url = "https://status.example.test" },
            dismissible = true,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var notice = await probe.WaitForAsync("system_notification", e => e.Data.GetProperty("title").GetString() == title);
        Assert.Equal("warning", notice.Data.GetProperty("level").GetString());
        Assert.Equal("View Status", notice.Data.GetProperty("action").GetProperty("label").GetString());
    }

    [Fact]
    public async Task StatusUpdate_IsBroadcast_AndReadBack()
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var admin = Host.As("ops", "admin");
        var component = $"steam_api_{Guid.NewGuid():N}"[..40];

        (await admin.PostJsonAsync("/api/system/status", new { component, status = "degraded", message = "Slow responses", impact = "Syncs take longer" })).EnsureSuccessStatusCode();

        var update = await probe.WaitForAsync("system_status_update", e => e.Data.GetProperty("component").GetString() == component);
        Assert.Equal("degraded", update.Data.GetProperty("status").GetString());
        var statuses = await (await admin.GetAsyncWithTimeout("/api/system/status")).JsonAsync();
        Assert.Contains(statuses.EnumerateArray(), s => s.GetProperty("component").GetString() == component && s.GetProperty("status").GetString() == "degraded");
    }

    [Fact]
    public async Task Announcement_IsBroadcast()
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var admin = Host.As("ops", "admin");
        var message = $"Hello everyone {Guid.NewGuid():N}";

        (await admin.PostJsonAsync("/api/system/announcements", new { message })).EnsureSuccessStatusCode();

        await probe.WaitForAsync("system_announcement", e => e.Data.GetProperty("message").GetString() == message);
    }

    [Fact]
    public async Task Maintenance_ScheduleReadAndCancel_AnnounceEachPhase()
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var admin = Host.As("ops", "admin");
        var system = Host.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);
        if (await system.GetMaintenanceAsync().WithTimeout() is not null)
        {
            await system.CancelMaintenanceAsync().WithTimeout();
        }

        var start = DateTimeOffset.UtcNow.AddDays(2);
        using var scheduled = await admin.PostJsonAsync("/api/system/maintenance", new { scheduled_start = start, duration_minutes = 30, message = "Database upgrade", affected_services = new[] { "sync" } });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var window = await scheduled.JsonAsync();
        Assert.Equal("scheduled", window.GetProperty("status").GetString());
        Assert.Equal("scheduled", (await probe.WaitForAsync("maintenance_mode", e => e.Data.GetProperty("status").GetString() == "scheduled")).Data.GetProperty("status").GetString());

        await ProblemAssert.IsProblemAsync(
            await admin.PostJsonAsync("/api/system/maintenance", new { scheduled_start = start.AddDays(1), duration_minutes = 10 }), HttpStatusCode.Conflict, "maintenance_already_scheduled");
        var read = await (await admin.GetAsyncWithTimeout("/api/system/maintenance")).JsonAsync();
        Assert.Equal(window.GetProperty("id").GetString(), read.GetProperty("id").GetString());

        var cancelled = await (await admin.DeleteAsync("/api/system/maintenance").WithTimeout()).JsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await probe.WaitForAsync("maintenance_mode", e => e.Data.GetProperty("status").GetString() == "cancelled");
        await ProblemAssert.IsProblemAsync(await admin.GetAsyncWithTimeout("/api/system/maintenance"), HttpStatusCode.NotFound, "maintenance_not_found");
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/api/system/maintenance").WithTimeout(), HttpStatusCode.NotFound, "maintenance_not_found");
    }

    [Fact]
    public async Task Maintenance_InThePast_Gets400_AndSchedulesNothing()
    {
        using var admin = Host.As("ops", "admin");

        using var response = await admin.PostJsonAsync("/api/system/maintenance", new { scheduled_start = DateTimeOffset.UtcNow.AddHours(-1), duration_minutes = 30 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "scheduled_start_in_past");
    }

    public static TheoryData<string, object> BadNotices() => new()
    {
        { "invalid_level", new { level = "panic", title = "t", message = "m" } },
        { "title_too_long", new { level = "info", title = new string('t', SystemLimits.MaxTitleLength + 1), message = "m" } },
        { "message_too_long", new { level = "info", title = "t", message = new string('m', SystemLimits.MaxMessageLength + 1) } },
    };

    [Theory]
    [MemberData(nameof(BadNotices))]
    public async Task BadNotification_Gets400_AndBroadcastsNothing(string errorCode, object body)
    {
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        using var admin = Host.As("ops", "admin");

        using var response = await admin.PostJsonAsync("/api/system/notifications", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        var marker = $"marker {Guid.NewGuid():N}";
        (await admin.PostJsonAsync("/api/system/announcements", new { message = marker })).EnsureSuccessStatusCode();
        await probe.WaitForAsync("system_announcement", e => e.Data.GetProperty("message").GetString() == marker);
        Assert.DoesNotContain(probe.Received, e => e.Type == "system_notification");
    }

    public static TheoryData<string, string, object?> SystemCalls() => new()
    {
        { "POST", "/api/system/notifications", new { level = "info", title = "forged", message = "m" } },
        { "POST", "/api/system/status", new { component = "api", status = "major_outage", message = "forged" } },
        { "GET", "/api/system/status", null },
        { "POST", "/api/system/announcements", new { message = "forged" } },
        { "POST", "/api/system/maintenance", new { scheduled_start = DateTimeOffset.UtcNow.AddDays(3), duration_minutes = 5 } },
        { "GET", "/api/system/maintenance", null },
        { "DELETE", "/api/system/maintenance", null },
    };

    [Theory]
    [MemberData(nameof(SystemCalls))]
    public async Task SystemEndpoints_NeedAdmin_EvenForAService_ChangeNothing_BroadcastNothing(string method, string path, object? body)
    {
        var system = Host.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);
        if (await system.GetMaintenanceAsync().WithTimeout() is not null)
        {
            await system.CancelMaintenanceAsync().WithTimeout();
        }

        // A refused POST must not schedule a window; a refused DELETE must not cancel the one there is.
        if (method == "DELETE")
        {
            await system.ScheduleMaintenanceAsync(new MaintenanceRequest { ScheduledStart = DateTimeOffset.UtcNow.AddDays(2), DurationMinutes = 15 }).WithTimeout();
        }

        var maintenance = await system.GetMaintenanceAsync().WithTimeout();
        var statuses = await system.GetComponentStatusesAsync().WithTimeout();
        await using var probe = await StreamProbe.ForBroadcastAsync(Host.Client);
        foreach (var http in new[] { Host.As(TestTimeouts.NewKey("user")), Host.As("svc", "service") })
        {
            using (http)
            {
                using var response = await SendAsync(http, method, path, body);
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
            }
        }

        using var anonymous = Host.Anonymous();
        await ProblemAssert.IsProblemAsync(await SendAsync(anonymous, method, path, body), HttpStatusCode.Unauthorized, "missing_token");

        Assert.Empty(await probe.BroadcastsBeforeBarrierAsync(Host.Client));
        var after = await system.GetMaintenanceAsync().WithTimeout();
        Assert.Equal((maintenance?.Id, maintenance?.Status), (after?.Id, after?.Status));
        Assert.DoesNotContain(await system.GetComponentStatusesAsync().WithTimeout(), s => s.Message == "forged");
        Assert.Equal(statuses.Count, (await system.GetComponentStatusesAsync().WithTimeout()).Count);
        if (after is not null)
        {
            await system.CancelMaintenanceAsync().WithTimeout();
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, object? body) => method switch
    {
        "GET" => await http.GetAsyncWithTimeout(path),
        "DELETE" => await http.DeleteAsync(path).WithTimeout(),
        _ => await http.PostJsonAsync(path, body),
    };
}
