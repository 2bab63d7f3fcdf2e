using OrleansRealtime.Client.Messaging;

namespace OrleansRealtime.Client.Transport;

/// <summary>
/// Receives what the peer of one <see cref="MessageConnection"/> sends. Both methods are called by the
/// connection's single receive loop, so requests of one connection arrive one at a time and in the order the
/// peer sent them.
/// </summary>
public interface IInboundMessageHandler
{
    /// <summary>
    /// A request arrived. Runs on the receive loop: it must not block (enqueue the work and return), or every
    /// later frame of this connection waits. <see cref="Message.Response"/> is null for one-way calls; otherwise
    /// it is a sink (an <see cref="IWireResponseSink"/>) that writes the response back on this connection:
    /// <c>Complete(result)</c> serializes the result with the request's <c>WriteResult</c>; <c>Fail(exception)</c>
    /// sends the exception's type and message, and <c>Fail(GrainRedirectException)</c> sends a redirect carrying
    /// its address. The first call on the sink wins; once the connection is closed, responses are dropped
    /// (the caller already got <c>SiloUnavailableException</c>). An exception thrown here fails that request.
    /// </summary>
    void OnRequest(MessageConnection connection, Message message);

    /// <summary>The connection closed (either side, or a protocol error, or idleness); called once. <paramref name="error"/> is null for an orderly close.</summary>
    void OnClosed(MessageConnection connection, Exception? error);
}
