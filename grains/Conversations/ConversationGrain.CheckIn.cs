using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Conversations.CheckIns;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// Persona check-ins: a durable daily reminder on the persona conversation publishes document 001's
/// <c>message:receive</c>. The state says whether the user opted in; a tick that finds it off (a reminder
/// that outlived an opt-out whose unregister failed) removes its reminder and publishes nothing.
/// </summary>
internal sealed partial class ConversationGrain
{
    private const string CheckInReminder = "persona-check-in";

    public async Task<PersonaCheckIn> ConfigureCheckInAsync(string userId, string personaId, bool enabled, TimeOnly? timeOfDayUtc = null)
    {
        ChatInput.RequireId("user_id", userId);
        var key = ConversationKeys.ForPersona(userId, personaId);
        if (key != ConversationId)
        {
            throw new DomainValidationException(
                ConversationErrorCodes.NotPersonaConversation,
                $"Check-ins of persona '{personaId}' for this user are configured on conversation '{key}'.");
        }

        RequireOwner(userId);
        var time = timeOfDayUtc ?? state.State.CheckIn?.TimeOfDayUtc ?? Options.CheckInTimeOfDayUtc;
        state.State.OwnerUserId ??= userId;
        state.State.CheckIn = new CheckInState { PersonaId = personaId, Enabled = enabled, TimeOfDayUtc = time };
        await PersistAsync();

        if (enabled)
        {
            var now = Now;
            await RegisterOrUpdateReminder(CheckInReminder, CheckInSchedule.Next(now, time) - now, CheckInSchedule.Period);
        }
        else
        {
            await RemoveCheckInReminderAsync();
        }

        LogCheckInConfigured(logger, ConversationId, enabled, time);
        return View(userId, state.State.CheckIn);
    }

    public Task<PersonaCheckIn?> GetCheckInAsync(string userId)
    {
        ChatInput.RequireId("user_id", userId);
        RequireOwner(userId);
        return Task.FromResult(state.State.CheckIn is { } checkIn ? View(userId, checkIn) : null);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CheckInReminder)
        {
            return;
        }

        if (state.State.CheckIn is not { Enabled: true } checkIn || !ConversationKeys.TryParsePersona(ConversationId, out var userId, out _))
        {
            await RemoveCheckInReminderAsync();
            return;
        }

        var now = Now;
        var id = Guid.NewGuid().ToString();
        var content = CheckInMessages.Compose(now);
        Append(new ChatHistoryMessage { Role = ChatRole.Assistant, Content = content, MessageId = id, At = now, PersonaId = checkIn.PersonaId });
        await PersistAsync();
        await PublishToUserAsync(userId, new MessageReceiveData(id, content, "ai", checkIn.PersonaId, now), id: id);
    }

    private async Task RemoveCheckInReminderAsync()
    {
        if (await GetReminder(CheckInReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private PersonaCheckIn View(string userId, CheckInState checkIn) => new()
    {
        UserId = userId,
        PersonaId = checkIn.PersonaId,
        Enabled = checkIn.Enabled,
        TimeOfDayUtc = checkIn.TimeOfDayUtc,
        NextAt = checkIn.Enabled ? CheckInSchedule.Next(Now, checkIn.TimeOfDayUtc) : null,
    };
}
