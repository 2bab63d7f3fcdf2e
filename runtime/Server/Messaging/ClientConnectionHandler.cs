using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// One client connected to this silo's gateway port. Its calls are routed like calls made in this silo; calls to its
/// observers are written back on its connection. While connected, the client is attached (this silo is its observers'
/// host entry); when the connection closes it is detached and the entry removed, unless the client has meanwhile
/// attached to another silo (the entry is then no longer this one's).
/// </summary>
internal sealed partial class ClientConnectionHandler(string clientId, SiloMessageCenter center, ClusterRouter router, ILogger logger) : IInboundMessageHandler
{
    private Abstractions.Directory.GrainAddress? _hostEntry;

    public string ClientId { get; } = clientId;

    public void OnRequest(MessageConnection connection, Message message) => center.Send(message);

    /// <summary>Attaches the client: observer calls for it go to <paramref name="connection"/>.</summary>
    public async Task AttachAsync(MessageConnection connection)
    {
        center.AttachClient(ClientId, new ConnectionSink(connection));
        try
        {
            _hostEntry = await router.RegisterHostAsync(ClientId);
        }
        catch (Exception ex)
        {
            // Calls from other silos cannot find the client until it reconnects; calls made here still reach it.
            LogHostRegistrationFailed(logger, ex, ClientId);
        }
    }

    public void OnClosed(MessageConnection connection, Exception? error)
    {
        center.DetachClient(ClientId, connection);
        if (_hostEntry is { } entry)
        {
            _ = router.Locator.UnregisterAsync(entry);
        }
    }

    [LoggerMessage(EventId = 1961, Level = LogLevel.Warning, Message = "Could not register client {ClientId} in the grain directory; calls from other silos to its observers fail until it reconnects")]
    private static partial void LogHostRegistrationFailed(ILogger logger, Exception exception, string clientId);

    /// <summary>Observer calls for the client, written on its connection.</summary>
    internal sealed class ConnectionSink(MessageConnection connection) : IMessageSink
    {
        public MessageConnection Connection { get; } = connection;

        public void Send(Message message) => Connection.Send(message);
    }
}
