using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Client.Transport.Internal;

namespace OrleansRealtime.Server.Transport.Internal;

/// <summary>
/// Kestrel's handler for one port: reads the hello (bounded by the handshake timeout), checks the role of the
/// port, asks the acceptor, replies, and then holds Kestrel's connection open until the message connection closes.
/// </summary>
internal sealed partial class TransportConnectionHandler(TransportListener listener, PeerRole acceptedRole, string portName, ILogger logger)
    : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext context)
    {
        var options = listener.Options;
        MessageConnection? connection = null;
        try
        {
            using var timeout = new CancellationTokenSource(options.HandshakeTimeout, listener.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.ConnectionClosed);
            var (remote, peerRefusal) = await Handshake.ReadAsync(context.Transport.Input, options.MaxFrameSize, linked.Token);
            if (remote is null)
            {
                Log.Refused(logger, context.RemoteEndPoint, portName, $"the peer sent Refused instead of a hello: {peerRefusal}");
                return;
            }

            string? refusal = Decide(remote, context, out var accepted);
            if (refusal is not null)
            {
                await RefuseAsync(context, refusal);
                return;
            }

            await Handshake.WriteAsync(context.Transport.Output, FrameCodec.Hello(accepted.Reply), linked.Token);
            connection = new MessageConnection(context, ownsContext: false, remote, listener.Serializer, accepted.Handler, options, listener.Time, listener.ConnectionLogger);
            listener.Track(connection);
            Log.Accepted(logger, remote.Role, remote.SenderId, context.RemoteEndPoint, portName);
            try
            {
                listener.Acceptor.OnConnected(connection);
            }
            catch (Exception ex)
            {
                Log.AcceptorFailed(logger, nameof(IConnectionAcceptor.OnConnected), ex);
                connection.Close("the silo failed to register the connection", ex);
            }

            connection.Start();
            await connection.Completion;
        }
        catch (ProtocolException ex)
        {
            await RefuseAsync(context, $"protocol error: {ex.Message}");
        }
        catch (OperationCanceledException) when (connection is null)
        {
            await RefuseAsync(context, $"no hello within {options.HandshakeTimeout} (HandshakeTimeout)");
        }
        catch (Exception ex)
        {
            Log.HandshakeFailed(logger, context.RemoteEndPoint, portName, ex);
        }
        finally
        {
            if (connection is not null)
            {
                listener.Untrack(connection);
            }
        }
    }

    private string? Decide(HandshakeInfo remote, ConnectionContext context, out (HandshakeInfo Reply, IInboundMessageHandler Handler) accepted)
    {
        accepted = default;
        if (remote.Role != acceptedRole)
        {
            return $"the {portName} port accepts {acceptedRole} peers, not {remote.Role}";
        }

        if (listener.IsStopping)
        {
            return "the listener is stopping";
        }

        try
        {
            var decision = listener.Acceptor.Accept(remote, context.RemoteEndPoint);
            if (decision is { } value)
            {
                accepted = value;
                return null;
            }
        }
        catch (Exception ex)
        {
            Log.AcceptorFailed(logger, nameof(IConnectionAcceptor.Accept), ex);
        }

        return $"this silo refused {remote.Role} '{remote.SenderId}' of cluster '{remote.ClusterId}'";
    }

    /// <summary>Best effort: a peer that already went away gets nothing; the connection closes either way when the handler returns.</summary>
    private async Task RefuseAsync(ConnectionContext context, string reason)
    {
        Log.Refused(logger, context.RemoteEndPoint, portName, reason);
        try
        {
            using var timeout = new CancellationTokenSource(listener.Options.HandshakeTimeout, listener.Time);
            await Handshake.WriteAsync(context.Transport.Output, FrameCodec.Refused(reason), timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException or InvalidOperationException)
        {
            // The peer is gone or not reading; nothing more to tell it.
        }
    }
}
