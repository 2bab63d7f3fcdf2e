namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>The layer above a session (Socket.IO).</summary>
internal interface IEngineIoSessionListener
{
    /// <summary>A message from the client, in arrival order. Awaiting it holds the transport's reading (backpressure).</summary>
    ValueTask OnMessageAsync(EngineIoPacket message);

    /// <summary>The session is closing; called once, outside any lock.</summary>
    void OnClosed(string reason);
}
