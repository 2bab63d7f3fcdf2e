namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// The <c>error_code</c> values of <c>error</c> and <c>connection_error</c> messages on the sockets. A refused
/// domain action carries the grain's own code instead (<c>conversation_busy</c>, <c>library_not_found</c>…).
/// </summary>
public static class GatewayErrorCodes
{
    /// <summary><c>error</c>: the frame is not valid JSON (or nests deeper than 32 levels).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary><c>error</c>: the JSON is not an object with a string <c>type</c>, or <c>data</c> or <c>id</c> have the wrong JSON type.</summary>
    public const string InvalidMessage = "invalid_message";

    /// <summary><c>error</c>: this endpoint does not accept messages of that <c>type</c>.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary><c>error</c>: a required field of <c>data</c> is missing or has the wrong type or value.</summary>
    public const string InvalidData = "invalid_data";

    /// <summary><c>error</c>: <c>subscribe</c> or <c>unsubscribe</c> named an event type or category that does not exist.</summary>
    public const string UnknownEvent = "unknown_event";

    /// <summary><c>error</c>: a binary frame; the raw endpoints speak JSON text frames only.</summary>
    public const string UnsupportedFrame = "unsupported_frame";

    /// <summary><c>error</c>: the message was dropped because the socket's inbound budget is spent.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary><c>error</c>: a <c>resume</c> arrived after events had already been delivered on this socket.</summary>
    public const string ResumeTooLate = "resume_too_late";

    /// <summary><c>error</c>: <c>refresh_token</c> carried an invalid token, or one for another subject; the old token stays in force.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary><c>error</c>: the grain behind the action is unavailable; retry later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary><c>error</c>: the action failed on the server; the text is never sent.</summary>
    public const string InternalError = "internal_error";

    /// <summary><c>connection_error</c>: the token expired (document 003); refresh it in band or reconnect with a new one.</summary>
    public const string AuthExpired = "AUTH_EXPIRED";
}
