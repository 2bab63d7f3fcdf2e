using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Transport.Internal;

namespace OrleansRealtime.Client.Transport;

/// <summary>Opens the client side of a connection: silo to silo, and cluster client to gateway.</summary>
public static class MessageConnector
{
    /// <summary>
    /// Connects (bounded by <see cref="TransportOptions.ConnectTimeout"/>), sends <paramref name="local"/> as hello,
    /// waits for the peer's hello (bounded by <see cref="TransportOptions.HandshakeTimeout"/>) and returns the live
    /// connection. The peer must answer as a <see cref="PeerRole.Silo"/> of the same cluster. Any failure
    /// (refused, unreachable, timeout, a Refused frame, another cluster id, a malformed reply) throws
    /// <see cref="SiloUnavailableException"/> naming the endpoint; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<MessageConnection> ConnectAsync(
        IPEndPoint endpoint,
        HandshakeInfo local,
        RealtimeSerializer serializer,
        IInboundMessageHandler handler,
        TransportOptions options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var socket = await ConnectSocketAsync(endpoint, options, time, cancellationToken).ConfigureAwait(false);
        var context = ClientSocketFactories.Get(options).Create(socket);
        try
        {
            using var timeout = new CancellationTokenSource(options.HandshakeTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await Handshake.WriteAsync(context.Transport.Output, FrameCodec.Hello(local), linked.Token).ConfigureAwait(false);
            var (hello, refused) = await Handshake.ReadAsync(context.Transport.Input, options.MaxFrameSize, linked.Token).ConfigureAwait(false);
            if (hello is null)
            {
                throw new SiloUnavailableException($"{endpoint} refused the connection: {refused}");
            }

            if (hello.Role != PeerRole.Silo || !string.Equals(hello.ClusterId, local.ClusterId, StringComparison.Ordinal))
            {
                throw new SiloUnavailableException(
                    $"{endpoint} answered as {hello.Role} '{hello.SenderId}' of cluster '{hello.ClusterId}', expected a silo of cluster '{local.ClusterId}'.");
            }

            var connection = new MessageConnection(context, ownsContext: true, hello, serializer, handler, options, time, loggers.CreateLogger<MessageConnection>());
            connection.Start();
            return connection;
        }
        catch (Exception ex)
        {
            await context.DisposeAsync().ConfigureAwait(false);
            if (ex is SiloUnavailableException || cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SiloUnavailableException(ex is OperationCanceledException
                ? $"{endpoint} sent no hello within {options.HandshakeTimeout} (HandshakeTimeout)."
                : $"The handshake with {endpoint} failed: {ex.Message}", ex);
        }
    }

    private static async Task<Socket> ConnectSocketAsync(IPEndPoint endpoint, TransportOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        // Small request frames must not wait for Nagle's delay; batching happens in the send loop instead.
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex)
        {
            socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SiloUnavailableException(ex switch
            {
                OperationCanceledException => $"Connecting to {endpoint} timed out after {options.ConnectTimeout} (ConnectTimeout).",
                SocketException socketError => $"Cannot connect to {endpoint}: {socketError.SocketErrorCode}.",
                _ => $"Cannot connect to {endpoint}: {ex.Message}",
            }, ex);
        }
    }
}
