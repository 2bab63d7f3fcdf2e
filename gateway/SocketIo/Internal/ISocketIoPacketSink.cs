using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo.Internal;

/// <summary>What a <see cref="SocketIoSocket"/> needs from the connection under it (a seam for unit tests).</summary>
internal interface ISocketIoPacketSink
{
    JsonSerializerOptions Json { get; }

    TimeProvider Time { get; }

    TimeSpan DefaultAckTimeout { get; }

    /// <summary>The transport in use now: <c>polling</c> or <c>websocket</c>.</summary>
    string Transport { get; }

    /// <summary>Queues one encoded packet; waits while the outbound buffer is full; false once the session is closing.</summary>
    ValueTask<bool> SendAsync(byte[] packet, CancellationToken cancellationToken);

    /// <summary>Sends DISCONNECT for the socket, then closes the session after it is flushed.</summary>
    ValueTask DisconnectAsync(SocketIoSocket socket);

    /// <summary>Closes the Engine.IO session without a DISCONNECT (flushing what is queued first when <paramref name="flush"/>).</summary>
    void CloseTransport(bool flush);
}
