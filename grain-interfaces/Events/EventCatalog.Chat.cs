using OrleansRealtime.GrainInterfaces.Events.Chat;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // A response's progress indicators and chunks are ephemeral: the terminal event (complete or error) is
    // durable and summarizes them (full_message, tools_used), and a client that missed chunks reads the text
    // so far from the conversation's history. Replaying chunks would only duplicate text.
    private static IEnumerable<EventDescriptor> Chat() =>
    [
        new("ai_thinking", typeof(AiThinkingData), EventCategory.AiChat, DeliveryClass.Ephemeral,
            "The assistant started working on a message (first event of every response)."),
        new("ai_tool_execution", typeof(AiToolExecutionData), EventCategory.AiChat, DeliveryClass.Ephemeral,
            "The assistant runs a tool (search_games, get_library_stats) with these parameters."),
        new("ai_chat_response_chunk", typeof(AiChatResponseChunkData), EventCategory.AiChat, DeliveryClass.Ephemeral,
            "A piece of the streamed answer; chunk_index counts from 0, the last has is_final true."),
        new("ai_chat_response_complete", typeof(AiChatResponseCompleteData), EventCategory.AiChat, DeliveryClass.Durable,
            "The answer is complete: full_message is the concatenated chunks, with tools_used, response_time_ms and token_count."),
        new("ai_error", typeof(AiErrorData), EventCategory.AiChat, DeliveryClass.Durable,
            "The answer ended without completing (TOOL_EXECUTION_FAILED, MODEL_ERROR, CANCELLED, INTERRUPTED)."),
        new("chat_message", typeof(ChatMessageData), EventCategory.AiChat, DeliveryClass.Durable,
            "An agent's whole answer on document 002's AI chat channel (agent = the channel's workflow)."),
        new("message:receive", typeof(MessageReceiveData), EventCategory.AiChat, DeliveryClass.Durable,
            "A proactive message from a persona, such as the daily check-in (sender ai).", SocketIoEvent: "message:receive"),
        new("ai_chat_message", typeof(AiChatMessageData), EventCategory.AiChat, DeliveryClass.Ephemeral,
            "Client: a message to the assistant; the envelope id becomes message_id.", ClientToServer: true),
        new("ai_chat_cancel", typeof(AiChatCancelData), EventCategory.AiChat, DeliveryClass.Ephemeral,
            "Client: stop the response in flight; it ends with ai_error CANCELLED.", ClientToServer: true),
    ];
}
