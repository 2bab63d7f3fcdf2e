using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.SystemNotices;

public sealed class MaintenanceTests
{
    // Document 003's example: maintenance 13:00-13:30, "starting" announced at 12:55.
    private static readonly DateTimeOffset Noon = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset One = Noon.AddHours(1);

    private static MaintenanceRequest Request => new()
    {
        ScheduledStart = One,
        DurationMinutes = 30,
        Message = "Database upgrade tonight",
        AffectedServices = ["sync", "ai_chat"],
    };

    private static Task<Envelope> PhaseAsync(StreamProbe probe, string status) =>
        probe.WaitForAsync("maintenance_mode", e => e.DataAs<MaintenanceModeData>().Status == status);

    [Fact]
    public async Task A_scheduled_window_is_announced_then_starting_ahead_then_in_progress_then_completed()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);

        var window = await env.System.ScheduleMaintenanceAsync(Request).WithTimeout();

        Assert.Equal((MaintenanceStatuses.Scheduled, One, One.AddMinutes(30), Noon), (window.Status, window.ScheduledStart, window.ScheduledEnd, window.ScheduledAt));
        var scheduled = await PhaseAsync(env.Probe, MaintenanceStatuses.Scheduled);
        Assert.Equal(["status", "message", "duration_minutes", "scheduled_start", "scheduled_end", "affected_services"], SystemEvents.FieldNames(scheduled));
        Assert.Equal("Database upgrade tonight", scheduled.DataAs<MaintenanceModeData>().Message);

        env.Time.Advance(TimeSpan.FromMinutes(55));
        var starting = await PhaseAsync(env.Probe, MaintenanceStatuses.Starting);

        Assert.Equal(Noon.AddMinutes(55), starting.Timestamp);
        var data = starting.DataAs<MaintenanceModeData>();
        Assert.Equal(
            ("System maintenance starting in 5 minutes", 30, One, One.AddMinutes(30)),
            (data.Message, data.DurationMinutes, data.ScheduledStart, data.ScheduledEnd));
        Assert.Equal(["sync", "ai_chat"], data.AffectedServices);
        Assert.Equal(MaintenanceStatuses.Starting, (await env.System.GetMaintenanceAsync().WithTimeout())!.Status);

        env.Time.Advance(TimeSpan.FromMinutes(5));
        var inProgress = await PhaseAsync(env.Probe, MaintenanceStatuses.InProgress);
        Assert.Equal(One, inProgress.Timestamp);
        Assert.Equal(MaintenanceStatuses.InProgress, (await env.System.GetMaintenanceAsync().WithTimeout())!.Status);

        env.Time.Advance(TimeSpan.FromMinutes(30));
        var completed = await PhaseAsync(env.Probe, MaintenanceStatuses.Completed);
        Assert.Equal(One.AddMinutes(30), completed.Timestamp);
        Assert.Null(await env.System.GetMaintenanceAsync().WithTimeout());

        env.Time.Advance(TimeSpan.FromHours(1)); // the reminder is gone: nothing more is announced
        var all = await SystemEvents.BeforeMarkerAsync(env.System, env.Probe);
        Assert.Equal(["scheduled", "starting", "in_progress", "completed"], all.Select(e => e.DataAs<MaintenanceModeData>().Status));
    }

    [Fact]
    public async Task A_window_starting_within_the_announce_ahead_period_is_announced_as_starting_at_once()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);

        var window = await env.System.ScheduleMaintenanceAsync(Request with { ScheduledStart = Noon.AddMinutes(3) }).WithTimeout();

        Assert.Equal(MaintenanceStatuses.Starting, window.Status);
        var starting = await PhaseAsync(env.Probe, MaintenanceStatuses.Starting);
        Assert.Equal("System maintenance starting in 3 minutes", starting.DataAs<MaintenanceModeData>().Message);
    }

    [Fact]
    public async Task A_window_starting_now_is_in_progress_at_once()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);

        var window = await env.System.ScheduleMaintenanceAsync(Request with { ScheduledStart = Noon }).WithTimeout();

        Assert.Equal(MaintenanceStatuses.InProgress, window.Status);
        await PhaseAsync(env.Probe, MaintenanceStatuses.InProgress);
        env.Time.Advance(TimeSpan.FromMinutes(30));
        await PhaseAsync(env.Probe, MaintenanceStatuses.Completed);
    }

    [Fact]
    public async Task The_announce_ahead_period_comes_from_configuration()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon, b => b.WithSetting("Realtime:System:AnnounceAhead", "00:10:00"));
        await env.System.ScheduleMaintenanceAsync(Request).WithTimeout();

        env.Time.Advance(TimeSpan.FromMinutes(50));

        var starting = await PhaseAsync(env.Probe, MaintenanceStatuses.Starting);
        Assert.Equal("System maintenance starting in 10 minutes", starting.DataAs<MaintenanceModeData>().Message);
        Assert.Equal(Noon.AddMinutes(50), starting.Timestamp);
    }

    [Fact]
    public async Task Cancelling_announces_cancelled_and_stops_the_later_phases()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);
        await env.System.ScheduleMaintenanceAsync(Request).WithTimeout();

        var cancelled = await env.System.CancelMaintenanceAsync().WithTimeout();

        Assert.Equal(MaintenanceStatuses.Cancelled, cancelled.Status);
        Assert.Null(await env.System.GetMaintenanceAsync().WithTimeout());
        var announcement = await PhaseAsync(env.Probe, MaintenanceStatuses.Cancelled);
        Assert.Equal(One, announcement.DataAs<MaintenanceModeData>().ScheduledStart);
        env.Time.Advance(TimeSpan.FromHours(2));
        var all = await SystemEvents.BeforeMarkerAsync(env.System, env.Probe);
        Assert.Equal(["scheduled", "cancelled"], all.Select(e => e.DataAs<MaintenanceModeData>().Status));
    }

    [Fact]
    public async Task A_window_can_be_cancelled_while_in_progress_and_a_new_one_scheduled()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);
        await env.System.ScheduleMaintenanceAsync(Request).WithTimeout();
        env.Time.Advance(TimeSpan.FromMinutes(60));
        await PhaseAsync(env.Probe, MaintenanceStatuses.InProgress);

        await env.System.CancelMaintenanceAsync().WithTimeout();
        var next = await env.System.ScheduleMaintenanceAsync(Request with { ScheduledStart = Noon.AddHours(3) }).WithTimeout();

        Assert.Equal(MaintenanceStatuses.Scheduled, next.Status);
        Assert.Equivalent(next, await env.System.GetMaintenanceAsync().WithTimeout(), strict: true);
    }

    [Fact]
    public async Task Cancelling_when_nothing_is_scheduled_is_not_found()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);

        var ex = await Assert.ThrowsAsync<DomainNotFoundException>(() => env.System.CancelMaintenanceAsync().WithTimeout());

        Assert.Equal("maintenance_not_found", ex.ErrorCode);
        Assert.Empty(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    [Fact]
    public async Task Only_one_window_at_a_time()
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);
        var first = await env.System.ScheduleMaintenanceAsync(Request).WithTimeout();

        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => env.System.ScheduleMaintenanceAsync(Request with { ScheduledStart = Noon.AddHours(5) }).WithTimeout());

        Assert.Equal("maintenance_already_scheduled", ex.ErrorCode);
        Assert.Equivalent(first, await env.System.GetMaintenanceAsync().WithTimeout(), strict: true);
        Assert.Single(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "zero_duration", "invalid_duration" },
        { "long_duration", "invalid_duration" },
        { "past", "scheduled_start_in_past" },
        { "far", "scheduled_start_too_far" },
        { "empty_message", "message_required" },
        { "long_message", "message_too_long" },
        { "many_services", "too_many_affected_services" },
        { "bad_service", "invalid_affected_service" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_refused_with_nothing_scheduled_or_broadcast(string what, string code)
    {
        await using var env = await SystemEnvironment.StartAsync(Noon);
        var bad = what switch
        {
            "zero_duration" => Request with { DurationMinutes = 0 },
            "long_duration" => Request with { DurationMinutes = SystemLimits.MaxMaintenanceMinutes + 1 },
            "past" => Request with { ScheduledStart = Noon.AddSeconds(-1) },
            "far" => Request with { ScheduledStart = Noon + SystemLimits.MaxMaintenanceLead + TimeSpan.FromMinutes(1) },
            "empty_message" => Request with { Message = "" },
            "long_message" => Request with { Message = new string('m', SystemLimits.MaxMessageLength + 1) },
            "many_services" => Request with { AffectedServices = [.. Enumerable.Range(0, SystemLimits.MaxAffectedServices + 1).Select(i => $"s{i}")] },
            _ => Request with { AffectedServices = ["ai chat"] },
        };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => env.System.ScheduleMaintenanceAsync(bad).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Null(await env.System.GetMaintenanceAsync().WithTimeout());
        Assert.Empty(await SystemEvents.BeforeMarkerAsync(env.System, env.Probe));
    }

    [Fact]
    public async Task A_scheduled_window_survives_a_silo_restart_and_is_still_announced()
    {
        var time = new FakeTimeProvider(Noon);
        await using var cluster = await DomainCluster.StartAsync(time, SystemEnvironment.LongClientLeases);
        var system = cluster.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);
        var window = await system.ScheduleMaintenanceAsync(Request).WithTimeout();

        await cluster.RestartSiloAsync().WithTimeout();
        await using var probe = await StreamProbe.ForBroadcastAsync(cluster.Client);
        Assert.Equivalent(window, await system.GetMaintenanceAsync().WithTimeout(), strict: true);
        time.Advance(TimeSpan.FromMinutes(55));

        var starting = await PhaseAsync(probe, MaintenanceStatuses.Starting);
        Assert.Equal(Noon.AddMinutes(55), starting.Timestamp);
    }

    [Fact]
    public async Task A_phase_missed_while_no_silo_ran_is_skipped_for_the_current_one()
    {
        var time = new FakeTimeProvider(Noon);
        await using var cluster = await DomainCluster.StartAsync(time, SystemEnvironment.LongClientLeases);
        var system = cluster.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);
        await system.ScheduleMaintenanceAsync(Request).WithTimeout();

        await cluster.StopSiloAsync().WithTimeout();
        time.Advance(TimeSpan.FromMinutes(70.5)); // 13:10:30: "starting" (12:55) and the start (13:00) passed while down
        await cluster.StartSiloAsync().WithTimeout();
        await using var probe = await StreamProbe.ForBroadcastAsync(cluster.Client);
        time.Advance(TimeSpan.FromSeconds(30)); // 13:11, the reminder's next tick (12:55 + n minutes)

        await PhaseAsync(probe, MaintenanceStatuses.InProgress);
        var all = await SystemEvents.BeforeMarkerAsync(system, probe);
        Assert.Equal(["in_progress"], all.Select(e => e.DataAs<MaintenanceModeData>().Status));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("1.00:00:01")]
    public async Task An_invalid_announce_ahead_fails_the_silo_start(string value)
    {
        await using var cluster = DomainCluster.Builder(new FakeTimeProvider()).WithSetting("Realtime:System:AnnounceAhead", value).Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync().WithTimeout());

        Assert.Contains("Realtime:System:AnnounceAhead", ex.Message, StringComparison.Ordinal);
    }
}
