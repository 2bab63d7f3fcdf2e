using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // Connection-level messages belong to one socket, never to a user stream: they are always delivered
    // regardless of subscriptions, and never replayed.
    private static IEnumerable<EventDescriptor> Connection() =>
    [
        new("connection_established", typeof(ConnectionEstablishedData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "First message on /ws: who you are, your session, the features you can subscribe to, and the stream position to resume from."),
        new("connection_ack", typeof(ConnectionAckData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "First message on the document 002 channels (/ws/notifications/{user_id} and the AI chat channel)."),
        new("pong", typeof(PongData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Answer to a ping; client_id is the ping's id."),
        new("connection_error", typeof(ConnectionErrorData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "The connection is about to close (for example AUTH_EXPIRED); says whether and how to reconnect."),
        new("rate_limit_warning", typeof(RateLimitWarningData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "The socket's inbound rate budget is nearly spent; continued abuse closes it."),
        new("error", typeof(ErrorData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "A client message was malformed, of unknown type or missing fields; the connection stays open."),
        new("resync_required", typeof(ResyncRequiredData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "A resume point is no longer available; reload state and continue from the given epoch and seq."),
        new("reconnect", typeof(ReconnectData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "The server is draining: reconnect (elsewhere) after retry_after_ms and resume."),
        new("subscribed", typeof(SubscribedData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Acknowledges a subscribe (envelope id = the request's id) with the resulting selection."),
        new("unsubscribed", typeof(UnsubscribedData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Acknowledges an unsubscribe (envelope id = the request's id) with the remaining selection."),
        new("token_refreshed", typeof(TokenRefreshedData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Acknowledges a refresh_token (envelope id = the request's id): the session now lives until expires_at."),
        new("subscribe", typeof(SubscribeData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Client: receive only these event types or categories, optionally filtered.", ClientToServer: true),
        new("unsubscribe", typeof(UnsubscribeData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Client: stop receiving these event types or categories.", ClientToServer: true),
        new("ping", typeof(PingData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Client: keep-alive; answered by pong.", ClientToServer: true),
        new("refresh_token", typeof(RefreshTokenData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Client: a fresh token for the same subject, so the session outlives the old token.", ClientToServer: true),
        new("resume", typeof(ResumeData), EventCategory.Connection, DeliveryClass.Ephemeral,
            "Client: continue after last_seq of epoch (alternative to the last_seq and epoch query parameters).", ClientToServer: true),
    ];
}
