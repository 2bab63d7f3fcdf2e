namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>
/// One decoded Engine.IO packet. A message carries either <see cref="Text"/> or, for a binary WebSocket frame
/// or a <c>b</c>-prefixed base64 polling record, <see cref="Binary"/>.
/// </summary>
internal readonly record struct EngineIoPacket(EngineIoPacketType Type, string? Text = null, byte[]? Binary = null)
{
    public bool IsBinary => Binary is not null;
}
