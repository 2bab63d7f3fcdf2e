using System.Net;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Transport.Internal;

internal sealed partial class TransportConnectionHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2652, Level = LogLevel.Warning, Message = "Refused a connection from {EndPoint} on the {Port} port: {Reason}")]
        public static partial void Refused(ILogger logger, EndPoint? endPoint, string port, string reason);

        [LoggerMessage(EventId = 2653, Level = LogLevel.Debug, Message = "Accepted {Role} '{SenderId}' from {EndPoint} on the {Port} port")]
        public static partial void Accepted(ILogger logger, PeerRole role, string senderId, EndPoint? endPoint, string port);

        [LoggerMessage(EventId = 2654, Level = LogLevel.Error, Message = "The connection acceptor's {Callback} threw")]
        public static partial void AcceptorFailed(ILogger logger, string callback, Exception exception);

        [LoggerMessage(EventId = 2655, Level = LogLevel.Warning, Message = "The handshake with {EndPoint} on the {Port} port failed")]
        public static partial void HandshakeFailed(ILogger logger, EndPoint? endPoint, string port, Exception exception);
    }
}
