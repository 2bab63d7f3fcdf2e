using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserPresenceTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    private static SessionInfo Session(string id, string device = "browser", string protocol = "ws") =>
        new() { SessionId = id, Device = device, Protocol = protocol, Gateway = "gw-1" };

    [Fact]
    public async Task Typing_goes_to_the_other_sessions_only_when_it_changes()
    {
        var (user, probe, userId) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.SetTypingAsync("sess-a", true).WithTimeout();
        await user.SetTypingAsync("sess-a", true).WithTimeout();
        await user.SetTypingAsync("sess-a", false).WithTimeout();
        await user.SetTypingAsync("sess-a", false).WithTimeout();

        var typing = (await UserEvents.BeforeMarkerAsync(user, probe)).Where(e => e.Type == "typing").ToList();
        Assert.Equal(2, typing.Count);
        Assert.All(typing, e => Assert.Equal("sess-a", e.ExcludeSessionId));
        Assert.Equal(new TypingData(true, userId, "sess-a"), typing[0].DataAs<TypingData>());
        Assert.Equal(new TypingData(false, userId, "sess-a"), typing[1].DataAs<TypingData>());
        Assert.Equal(["is_typing", "user_id", "session_id"], UserEvents.FieldNames(typing[0]));
    }

    [Fact]
    public async Task Typing_without_a_session_goes_to_every_session()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.SetTypingAsync(null, true).WithTimeout();

        var typing = await probe.WaitForAsync("typing");
        Assert.Null(typing.ExcludeSessionId);
        Assert.True(typing.DataAs<TypingData>().IsTyping);
    }

    [Fact]
    public async Task A_bad_typing_session_id_is_refused()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SetTypingAsync("bad id", true).WithTimeout());

        Assert.Equal("invalid_session_id", ex.ErrorCode);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task Connecting_and_disconnecting_sessions_emits_presence_updated_with_every_live_session()
    {
        var (user, probe, userId) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        var renewed = await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        var both = await user.ConnectSessionAsync(Session("sess-b", "mobile", "socket.io")).WithTimeout();
        await user.ConnectSessionAsync(Session("sess-b", "tablet", "socket.io")).WithTimeout();
        var left = await user.DisconnectSessionAsync("sess-a").WithTimeout();
        await user.DisconnectSessionAsync("sess-a").WithTimeout();

        Assert.Single(renewed.Sessions);
        Assert.Equal(["sess-a", "sess-b"], both.Sessions.Select(s => s.SessionId));
        Assert.Equal(["sess-b"], left.Sessions.Select(s => s.SessionId));
        Assert.Equal("tablet", left.Sessions[0].Device);
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.All(events, e => Assert.Equal("presence_updated", e.Type));
        Assert.Equal(["user_id", "online", "change", "session_id", "sessions"], UserEvents.FieldNames(events[0]));
        Assert.Equal(["session_id", "device", "protocol", "connected_at"], events[0].Data.GetProperty("sessions")[0].EnumerateObject().Select(p => p.Name));
        var presence = events.Select(e => e.DataAs<PresenceUpdatedData>()).ToList();
        Assert.Equal([("connected", "sess-a"), ("connected", "sess-b"), ("updated", "sess-b"), ("disconnected", "sess-a")], presence.Select(p => (p.Change, p.SessionId)));
        Assert.All(presence, p => Assert.Equal(userId, p.UserId));
        Assert.Equal(new PresenceSessionData("sess-b", "tablet", "socket.io", fixture.Time.GetUtcNow()), Assert.Single(presence[^1].Sessions));
        Assert.True(presence[^1].Online);
    }

    [Fact]
    public async Task A_session_that_disconnects_while_typing_stops_typing_first()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        await user.SetTypingAsync("sess-a", true).WithTimeout();

        var after = await user.DisconnectSessionAsync("sess-a").WithTimeout();

        Assert.False(after.Online);
        var events = await UserEvents.BeforeMarkerAsync(user, probe);
        Assert.Equal(["presence_updated", "typing", "typing", "presence_updated"], events.Select(e => e.Type));
        Assert.False(events[2].DataAs<TypingData>().IsTyping);
        Assert.False(events[3].DataAs<PresenceUpdatedData>().Online);
    }

    [Theory]
    [InlineData("", "browser", "ws", null, "invalid_session_id")]
    [InlineData("sess a", "browser", "ws", null, "invalid_session_id")]
    [InlineData("sess-a", "", "ws", null, "invalid_session_info")]
    [InlineData("sess-a", "browser", "w s", null, "invalid_session_info")]
    [InlineData("sess-a", "browser", "ws", "gw/1", "invalid_session_info")]
    public async Task Bad_session_info_is_refused(string id, string device, string protocol, string? gateway, string code)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => user.ConnectSessionAsync(new SessionInfo { SessionId = id, Device = device, Protocol = protocol, Gateway = gateway }).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.False((await user.GetPresenceAsync().WithTimeout()).Online);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task At_most_fifty_sessions_are_present()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        for (var i = 0; i < UserLimits.MaxSessions; i++)
        {
            await user.ConnectSessionAsync(Session($"s{i}")).WithTimeout();
        }

        var ex = await Assert.ThrowsAsync<DomainConflictException>(() => user.ConnectSessionAsync(Session("one-too-many")).WithTimeout());
        await user.ConnectSessionAsync(Session("s0")).WithTimeout(); // renewing an existing one still works

        Assert.Equal("too_many_sessions", ex.ErrorCode);
        Assert.Equal(UserLimits.MaxSessions, (await user.GetPresenceAsync().WithTimeout()).Sessions.Count);
    }

    [Fact]
    public async Task ConnectSessionsAsync_renews_every_session_in_one_call_with_the_events_single_calls_would_emit()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();

        // A renewal of sess-a (no news), a new sess-b, and sess-a again on another device.
        var after = await user.ConnectSessionsAsync([Session("sess-a"), Session("sess-b", "mobile"), Session("sess-a", "tablet")]).WithTimeout();

        Assert.Equal(["sess-a", "sess-b"], after.Sessions.Select(s => s.SessionId));
        Assert.Equal(fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(2), after.Sessions[1].ExpiresAt);
        Assert.Equal("tablet", after.Sessions[0].Device);
        var presence = (await UserEvents.BeforeMarkerAsync(user, probe)).Select(e => e.DataAs<PresenceUpdatedData>()).ToList();
        Assert.Equal([("connected", "sess-a"), ("connected", "sess-b"), ("updated", "sess-a")], presence.Select(p => (p.Change, p.SessionId)));
    }

    [Fact]
    public async Task ConnectSessionsAsync_with_one_bad_entry_applies_none()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => user.ConnectSessionsAsync([Session("sess-a"), Session("bad id")]).WithTimeout());

        Assert.Equal("invalid_session_id", ex.ErrorCode);
        Assert.False((await user.GetPresenceAsync().WithTimeout()).Online);
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }
}
