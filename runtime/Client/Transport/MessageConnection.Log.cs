using System.Net;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Client.Transport;

/// <summary>Logging of the connection. Never logs payload bytes: only roles, ids, endpoints, names and counts.</summary>
public sealed partial class MessageConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Connection to {Role} '{SenderId}' at {EndPoint} closed: {Reason}; {PendingCount} pending calls failed")]
        public static partial void Closed(ILogger logger, PeerRole role, string senderId, IPEndPoint? endPoint, string reason, int pendingCount);

        [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Protocol error on the connection to {Role} '{SenderId}' at {EndPoint}; closing it: {Reason}")]
        public static partial void ProtocolError(ILogger logger, PeerRole role, string senderId, IPEndPoint? endPoint, string reason);

        [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "{Role} '{SenderId}' at {EndPoint} does not read ({QueuedBytes} bytes queued); disconnecting it as slow")]
        public static partial void SlowPeer(ILogger logger, PeerRole role, string senderId, IPEndPoint? endPoint, long queuedBytes);

        [LoggerMessage(EventId = 2604, Level = LogLevel.Debug, Message = "A response arrived for unknown request {RequestId}; ignored")]
        public static partial void UnknownResponse(ILogger logger, long requestId);

        [LoggerMessage(EventId = 2605, Level = LogLevel.Error, Message = "{Callback} threw on a transport connection")]
        public static partial void HandlerFailed(ILogger logger, string callback, Exception exception);

        [LoggerMessage(EventId = 2606, Level = LogLevel.Debug, Message = "Request {Interface}.{Method} rejected with {ExceptionType}")]
        public static partial void RequestRejected(ILogger logger, string @interface, string method, string exceptionType);

        [LoggerMessage(EventId = 2607, Level = LogLevel.Warning, Message = "One-way call {Request} was not sent: {Reason}")]
        public static partial void OneWayNotSerializable(ILogger logger, string request, string reason);
    }
}
