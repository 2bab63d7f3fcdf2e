using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>Input checks of the conversation grain; each throws <see cref="DomainValidationException"/> with a code of <see cref="ConversationErrorCodes"/>.</summary>
internal static class ChatInput
{
    public static void RequireConversationId(string conversationId)
    {
        if (!ConversationKeys.IsId(conversationId))
        {
            throw new DomainValidationException(
                ConversationErrorCodes.InvalidConversationId,
                $"A conversation id is 1 to {ChatLimits.MaxIdLength} characters without control characters.");
        }
    }

    public static void RequireId(string name, string? value)
    {
        if (!ConversationKeys.IsId(value))
        {
            throw new DomainValidationException(
                ConversationErrorCodes.InvalidId,
                $"{name} must be 1 to {ChatLimits.MaxIdLength} characters without control characters.");
        }
    }

    public static string RequireMessageId(string messageId)
    {
        if (!ConversationKeys.IsId(messageId) || messageId.Length > ChatLimits.MaxMessageIdLength)
        {
            throw new DomainValidationException(
                ConversationErrorCodes.InvalidId,
                $"message_id must be 1 to {ChatLimits.MaxMessageIdLength} characters without control characters.");
        }

        return messageId;
    }

    public static string RequireMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new DomainValidationException(ConversationErrorCodes.EmptyMessage, "The message is empty.");
        }

        if (message.Length > ChatLimits.MaxMessageLength)
        {
            throw new DomainValidationException(
                ConversationErrorCodes.MessageTooLong,
                $"A message holds at most {ChatLimits.MaxMessageLength} characters; this one has {message.Length}.");
        }

        return message;
    }
}
