using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>The callback a client passed with an event (<c>socket.emit("x", data, (reply) => …)</c>); answer it once.</summary>
public sealed class SocketIoAck
{
    private readonly SocketIoSocket _socket;
    private int _sent;

    internal SocketIoAck(SocketIoSocket socket, int id)
    {
        _socket = socket;
        Id = id;
    }

    /// <summary>The client's ack id.</summary>
    public int Id { get; }

    public bool IsSent => Volatile.Read(ref _sent) == 1;

    /// <summary>Answers with <paramref name="args"/> (serialized with the app's HTTP JSON options); false when already answered or disconnected.</summary>
    public ValueTask<bool> SendAsync(params object?[] args) => SendAsync(_socket.ToElements(args));

    /// <summary>Answers with <paramref name="args"/>; false when already answered or disconnected. Waits while the outbound buffer is full.</summary>
    public ValueTask<bool> SendAsync(IReadOnlyList<JsonElement> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Interlocked.Exchange(ref _sent, 1) == 1 ? ValueTask.FromResult(false) : _socket.SendAckAsync(Id, args, cancellationToken);
    }
}
