using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>Daily persona check-ins (document 001's <c>message:receive</c>), driven by a fake clock.</summary>
public sealed class PersonaCheckInTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DomainCluster.StartAsync(_time, b => ChatClusters.LongClientLeases(b));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_opted_in_check_in_publishes_message_receive_when_the_clock_passes_its_time_every_day()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var luna = Persona(user, "luna");

        var configured = await luna.ConfigureCheckInAsync(user, "luna", enabled: true, new TimeOnly(8, 0)).WithTimeout();
        _time.Advance(TimeSpan.FromHours(8));
        var first = (await probe.WaitForAsync("message:receive")).DataAs<MessageReceiveData>();
        await UntilArmedAsync(Start.AddDays(1).AddHours(8));
        _time.Advance(TimeSpan.FromDays(1));
        var second = await probe.WaitForAsync("message:receive", e => e.DataAs<MessageReceiveData>().Id != first.Id);

        Assert.Equal(new PersonaCheckIn { UserId = user, PersonaId = "luna", Enabled = true, TimeOfDayUtc = new TimeOnly(8, 0), NextAt = Start.AddHours(8) }, configured);
        Assert.Equal(("ai", "luna", Start.AddHours(8)), (first.Sender, first.PersonaId, first.Timestamp));
        Assert.True(Guid.TryParse(first.Id, out _));
        Assert.StartsWith("Good morning!", first.Content);
        Assert.Equal(Start.AddDays(1).AddHours(8), second.DataAs<MessageReceiveData>().Timestamp);
        var history = await luna.GetHistoryAsync(user).WithTimeout();
        Assert.Equal([first.Id, second.DataAs<MessageReceiveData>().Id], history.Messages.Select(m => m.MessageId));
        Assert.All(history.Messages, m => Assert.Equal((ChatRole.Assistant, "luna"), (m.Role, m.PersonaId)));
    }

    [Fact]
    public async Task Opting_out_unregisters_the_reminder_and_no_check_in_follows()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var luna = Persona(user, "luna");
        var sol = Persona(user, "sol");
        await luna.ConfigureCheckInAsync(user, "luna", enabled: true, new TimeOnly(8, 0)).WithTimeout();
        await sol.ConfigureCheckInAsync(user, "sol", enabled: true, new TimeOnly(9, 0)).WithTimeout();
        _time.Advance(TimeSpan.FromHours(8));
        await probe.WaitForAsync("message:receive", e => e.DataAs<MessageReceiveData>().PersonaId == "luna");

        var off = await luna.ConfigureCheckInAsync(user, "luna", enabled: false).WithTimeout();
        _time.Advance(TimeSpan.FromHours(1));
        await probe.WaitForAsync("message:receive", e => e.DataAs<MessageReceiveData>().PersonaId == "sol");
        await sol.GetCheckInAsync(user).WithTimeout();

        var solsSecond = Start.AddDays(1).AddHours(9);
        await UntilArmedAsync(solsSecond);

        // Luna's time (08:00) passes on day two before sol's (09:00); sol's second check-in is the barrier.
        _time.Advance(TimeSpan.FromHours(23));
        _time.Advance(TimeSpan.FromHours(1));
        await probe.WaitForAsync("message:receive", e => e.DataAs<MessageReceiveData>() is { PersonaId: "sol" } m && m.Timestamp == solsSecond);

        Assert.Equal((false, new TimeOnly(8, 0), (DateTimeOffset?)null), (off.Enabled, off.TimeOfDayUtc, off.NextAt));
        Assert.Empty(await _cluster.ReminderTable.ReadRowsAsync(luna.GetGrainId()).WithTimeout());
        Assert.Single(probe.OfType("message:receive"), e => e.DataAs<MessageReceiveData>().PersonaId == "luna");
        Assert.False((await luna.GetCheckInAsync(user).WithTimeout())!.Enabled);
    }

    [Fact]
    public async Task The_check_in_reminder_survives_a_silo_restart()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        await Persona(user, "luna").ConfigureCheckInAsync(user, "luna", enabled: true).WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();
        _time.Advance(TimeSpan.FromHours(9));
        var message = (await probe.WaitForAsync("message:receive")).DataAs<MessageReceiveData>();

        // The default time of day is Realtime:Chat:CheckInTimeOfDayUtc, 09:00.
        Assert.Equal(Start.AddHours(9), message.Timestamp);
    }

    [Fact]
    public async Task Check_ins_are_configured_only_on_the_users_own_persona_conversation()
    {
        var user = TestTimeouts.NewKey("user");
        var other = TestTimeouts.NewKey("other");
        var luna = Persona(user, "luna");
        var plain = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var wrongConversation = await Assert.ThrowsAsync<DomainValidationException>(() => plain.ConfigureCheckInAsync(user, "luna", true)).WithTimeout();
        var wrongPersona = await Assert.ThrowsAsync<DomainValidationException>(() => luna.ConfigureCheckInAsync(user, "sol", true)).WithTimeout();
        var badPersona = await Assert.ThrowsAsync<DomainValidationException>(() => luna.ConfigureCheckInAsync(user, "lu:na", true)).WithTimeout();
        var foreign = await Assert.ThrowsAsync<DomainValidationException>(() => luna.ConfigureCheckInAsync(other, "luna", true)).WithTimeout();
        var foreignRead = await Assert.ThrowsAsync<DomainForbiddenException>(() => luna.GetCheckInAsync(other)).WithTimeout();

        Assert.Equal(
            [ConversationErrorCodes.NotPersonaConversation, ConversationErrorCodes.NotPersonaConversation, ConversationErrorCodes.InvalidSegment, ConversationErrorCodes.NotPersonaConversation],
            new[] { wrongConversation, wrongPersona, badPersona, foreign }.Select(e => e.ErrorCode));
        Assert.Equal(ConversationErrorCodes.ConversationForbidden, foreignRead.ErrorCode);
        Assert.Null(await luna.GetCheckInAsync(user).WithTimeout());
        Assert.Null(await plain.GetCheckInAsync(user).WithTimeout());
        Assert.Empty(await _cluster.ReminderTable.ReadRowsAsync(luna.GetGrainId()).WithTimeout());
        Assert.Empty(await _cluster.ReminderTable.ReadRowsAsync(plain.GetGrainId()).WithTimeout());
    }

    private IConversationGrain Persona(string user, string persona) =>
        _cluster.Client.GetGrain<IConversationGrain>(ConversationKeys.ForPersona(user, persona));

    /// <summary>
    /// The reminder service arms a reminder's next tick only after the previous tick's call has returned to it, which
    /// on a loaded machine can come after a test moves the clock on (a tick armed late skips to the day after). Waits
    /// until the tick due at <paramref name="at"/> is armed.
    /// </summary>
    private async Task UntilArmedAsync(DateTimeOffset at)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_time.HasTimerDueAt(at))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No reminder tick was armed for {at:O}.");
            await Task.Delay(10);
        }
    }
}
