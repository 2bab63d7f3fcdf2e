using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.Conversations;

internal sealed partial class ConversationGrain
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: answering message {MessageId} with model {Model}")]
    private static partial void LogResponseStarted(ILogger logger, string conversationId, string messageId, string model);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: the answer to {MessageId} ended ({Outcome})")]
    private static partial void LogResponseEnded(ILogger logger, string conversationId, string messageId, string outcome);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: a tool failed while answering {MessageId}")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, string conversationId, string messageId);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: model {Model} failed while answering {MessageId}")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string conversationId, string messageId, string model);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Error, Message = "Conversation {ConversationId}: the terminal event of {MessageId} could not be published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string conversationId, string messageId);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Error, Message = "Conversation {ConversationId}: writing the state failed; the activation will reload it")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Information, Message = "Conversation {ConversationId}: check-in enabled={Enabled} at {TimeOfDayUtc} UTC")]
    private static partial void LogCheckInConfigured(ILogger logger, string conversationId, bool enabled, TimeOnly timeOfDayUtc);
}
