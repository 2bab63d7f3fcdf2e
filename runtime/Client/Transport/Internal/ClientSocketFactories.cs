using System.Collections.Concurrent;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>
/// Kestrel's socket connection factories for outbound connections, so both ends use the same pipes and
/// memory pool. One per distinct read-buffer limit and scheduling choice, shared for the life of the process (each
/// owns I/O queues).
/// </summary>
internal static class ClientSocketFactories
{
    private static readonly ConcurrentDictionary<(long Limit, bool Inline), Lazy<SocketConnectionContextFactory>> Factories = new();

    public static SocketConnectionContextFactory Get(TransportOptions options)
    {
        var key = (ReadBufferLimit(options), options.InlineSocketScheduling);
        return Factories.GetOrAdd(key, static k => new Lazy<SocketConnectionContextFactory>(() => new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions { MaxReadBufferSize = k.Limit, MaxWriteBufferSize = 1024 * 1024, UnsafePreferInlineScheduling = k.Inline },
            NullLogger.Instance))).Value;
    }

    /// <summary>
    /// The receive pipe pauses the socket when this much is unconsumed; it must hold a whole frame, or a frame
    /// larger than the limit could never complete.
    /// </summary>
    public static long ReadBufferLimit(TransportOptions options) => options.MaxFrameSize + 1024L * 1024;
}
