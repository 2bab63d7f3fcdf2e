namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

internal static class EngineIoTransports
{
    public const string Polling = "polling";
    public const string WebSocket = "websocket";
}
