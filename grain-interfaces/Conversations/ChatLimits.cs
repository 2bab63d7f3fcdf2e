namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>The input limits of the conversation grain, so the HTTP API and the gateway can refuse early with the same numbers.</summary>
public static class ChatLimits
{
    /// <summary>A chat message holds 1 to 4000 characters (and not only whitespace).</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Message ids, conversation ids, library ids, user ids: at most this many characters, no control characters.</summary>
    public const int MaxIdLength = 200;

    /// <summary>A client message id is at most 128 characters.</summary>
    public const int MaxMessageIdLength = 128;

    /// <summary>Persona ids and each segment of an AI chat channel (workflow, app_id, chat_id): 1 to 64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public const int MaxSegmentLength = 64;
}
