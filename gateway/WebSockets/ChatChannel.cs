using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// <c>/ws/{workflow}/{app_id}/{chat_id}/{user_id}</c> (document 002's AI chat channel): the client's chat
/// messages go to that chat's <see cref="IConversationGrain"/> (<see cref="ConversationKeys.ForChannel"/>), and
/// only that conversation's AI events come back (agent messages, tool outputs, streaming tokens), never
/// another chat's. Client messages: <c>chat_message</c> (or <c>ai_chat_message</c>) with <c>data.content</c>
/// (or <c>data.message</c>), and <c>ai_chat_cancel</c>.
/// </summary>
internal sealed class ChatChannel(SessionServices services, string conversationId) : SocketChannel
{
    public string ConversationId { get; } = conversationId;

    public override string Protocol => "chat";

    public override object FirstMessage(WebSocketSession session, StreamSequenceToken position) => new ConnectionAckData(session.UserId, position.Epoch, position.Sequence);

    public override bool Accepts(WebSocketSession session, FeedItem item) =>
        item.Category == EventCategory.AiChat
        && item.Envelope.Data.ValueKind == JsonValueKind.Object
        && item.Envelope.Data.TryGetProperty("conversation_id", out var id)
        && id.ValueKind == JsonValueKind.String
        && id.ValueEquals(ConversationId);

    protected override async Task<bool> HandleOwnAsync(WebSocketSession session, InboundMessage message)
    {
        var grain = services.Grains.GetGrain<IConversationGrain>(ConversationId);
        switch (message.Type)
        {
            case "chat_message" or "ai_chat_message":
                if ((message.String("content") ?? message.String("message")) is not { } text)
                {
                    Error(session, message, GatewayErrorCodes.InvalidData, $"{message.Type} needs data.content (the text).");
                    return true;
                }

                var libraryId = message.String("library_id");
                await grain.SendMessageAsync(new ChatMessageRequest { UserId = session.UserId, MessageId = message.Id, Message = text, LibraryId = libraryId }).ConfigureAwait(false);
                return true;
            case "ai_chat_cancel":
                await grain.CancelAsync(session.UserId, message.String("message_id")).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
