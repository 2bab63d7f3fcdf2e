using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// <c>/ws?token=</c> (document 003): every event of the user, narrowed by <c>subscribe</c>/<c>unsubscribe</c>
/// with filters, plus <c>ai_chat_message</c>, <c>ai_chat_cancel</c> and <c>typing</c> from the client.
/// </summary>
internal sealed class EventsChannel(SessionServices services) : SocketChannel
{
    public override string Protocol => "ws";

    public override object FirstMessage(WebSocketSession session, StreamSequenceToken position) =>
        new ConnectionEstablishedData(session.UserId, session.SessionId, services.Time.GetUtcNow(), EventSelection.Features, position.Epoch, position.Sequence);

    public override bool Accepts(WebSocketSession session, FeedItem item) => session.Selection.Matches(item);

    protected override async Task<bool> HandleOwnAsync(WebSocketSession session, InboundMessage message)
    {
        switch (message.Type)
        {
            case "subscribe":
                Subscribe(session, message);
                return true;
            case "unsubscribe":
                Unsubscribe(session, message);
                return true;
            case "ai_chat_message":
                await ChatAsync(session, message).ConfigureAwait(false);
                return true;
            case "ai_chat_cancel":
                await CancelAsync(session, message).ConfigureAwait(false);
                return true;
            case "typing":
                await TypingAsync(session, message).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private static void Subscribe(WebSocketSession session, InboundMessage message)
    {
        if (TryApplySubscribe(session, message))
        {
            session.SendControl(new SubscribedData(session.Selection.Describe(), session.Selection.Filters), message.Id);
        }
    }

    /// <summary>A <c>resume</c> with <c>events</c> subscribes before the replay, so the replay is filtered like the live flow will be.</summary>
    protected override bool PrepareResume(WebSocketSession session, InboundMessage message) =>
        !message.Data.TryGetProperty("events", out _) || TryApplySubscribe(session, message);

    private static bool TryApplySubscribe(WebSocketSession session, InboundMessage message)
    {
        if (!TryReadNames(session, message, out var names))
        {
            return false;
        }

        SubscriptionFilters? filters = null;
        if (message.Data.TryGetProperty("filters", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            try
            {
                filters = f.ValueKind == JsonValueKind.Object ? f.Deserialize<SubscriptionFilters>(EventJson.Options) : throw new JsonException();
            }
            catch (JsonException)
            {
                Error(session, message, GatewayErrorCodes.InvalidData, "data.filters must be an object with library_id (string), game_genres and notification_level (arrays of strings).");
                return false;
            }
        }

        session.Selection = session.Selection.Subscribe(names, filters);
        return true;
    }

    private static void Unsubscribe(WebSocketSession session, InboundMessage message)
    {
        if (!TryReadNames(session, message, out var names))
        {
            return;
        }

        session.Selection = session.Selection.Unsubscribe(names);
        session.SendControl(new UnsubscribedData(session.Selection.Describe(), session.Selection.Filters), message.Id);
    }

    /// <summary>Reads <c>data.events</c>: a non-empty array of known types or categories. Refuses the whole request on one unknown name.</summary>
    private static bool TryReadNames(WebSocketSession session, InboundMessage message, out List<string> names)
    {
        names = [];
        if (!message.Data.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0
            || events.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Error(session, message, GatewayErrorCodes.InvalidData, $"{message.Type} needs data.events: a non-empty array of event types or categories.");
            return false;
        }

        names = [.. events.EnumerateArray().Select(e => e.GetString()!)];
        if (names.FirstOrDefault(n => !EventSelection.IsKnown(n)) is { } unknown)
        {
            Error(session, message, GatewayErrorCodes.UnknownEvent, $"'{Truncate(unknown)}' is neither an event type nor one of the features: {string.Join(", ", EventSelection.Features)}.");
            return false;
        }

        return true;
    }

    private async Task ChatAsync(WebSocketSession session, InboundMessage message)
    {
        var text = message.String("message");
        var context = message.Data.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var conversationId = context.ValueKind == JsonValueKind.Object && context.TryGetProperty("conversation_id", out var conv) && conv.ValueKind == JsonValueKind.String ? conv.GetString() : null;
        var libraryId = context.ValueKind == JsonValueKind.Object && context.TryGetProperty("library_id", out var lib) && lib.ValueKind == JsonValueKind.String ? lib.GetString() : null;
        if (text is null || string.IsNullOrWhiteSpace(conversationId))
        {
            Error(session, message, GatewayErrorCodes.InvalidData, "ai_chat_message needs data.message (text) and data.context.conversation_id.");
            return;
        }

        await services.Grains.GetGrain<IConversationGrain>(conversationId).SendMessageAsync(new ChatMessageRequest
        {
            UserId = session.UserId,
            MessageId = message.Id,
            Message = text,
            LibraryId = libraryId,
        }).ConfigureAwait(false);
    }

    private async Task CancelAsync(WebSocketSession session, InboundMessage message)
    {
        if (message.String("conversation_id") is not { } conversationId)
        {
            Error(session, message, GatewayErrorCodes.InvalidData, "ai_chat_cancel needs data.conversation_id.");
            return;
        }

        await services.Grains.GetGrain<IConversationGrain>(conversationId).CancelAsync(session.UserId, message.String("message_id")).ConfigureAwait(false);
    }

    private async Task TypingAsync(WebSocketSession session, InboundMessage message)
    {
        if (!message.Data.TryGetProperty("is_typing", out var typing) || typing.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(session, message, GatewayErrorCodes.InvalidData, "typing needs data.is_typing (true or false).");
            return;
        }

        await services.Grains.GetGrain<IUserGrain>(session.UserId).SetTypingAsync(session.SessionId, typing.GetBoolean()).ConfigureAwait(false);
    }
}
