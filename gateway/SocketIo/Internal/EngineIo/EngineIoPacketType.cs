namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>Engine.IO v4 packet types; the value is the digit that starts an encoded packet.</summary>
internal enum EngineIoPacketType
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}
