using System.Text.Json;
using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

namespace OrleansRealtime.Gateway.SocketIo;

public sealed partial class SocketIoSocket
{
    /// <summary>
    /// Emits with an ack id and returns the client's ack arguments; fails with <see cref="TimeoutException"/> after
    /// <see cref="SocketIoOptions.AckTimeout"/>, or <see cref="SocketIoDisconnectedException"/> if the socket goes first.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> EmitWithAckAsync(string eventName, params object?[] args) =>
        EmitWithAckAsync(eventName, ToElements(args), _sink.DefaultAckTimeout);

    /// <summary>As <see cref="EmitWithAckAsync(string, object?[])"/>, with JSON arguments and an explicit timeout.</summary>
    public async Task<IReadOnlyList<JsonElement>> EmitWithAckAsync(string eventName, IReadOnlyList<JsonElement> args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ValidateEventName(eventName);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        // Ids wrap before int.MaxValue so they always decode on the client side as the same small integer.
        var id = Interlocked.Increment(ref _nextAckId) & int.MaxValue;
        var pending = new TaskCompletionSource<IReadOnlyList<JsonElement>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[id] = pending;
        try
        {
            // Registered before the check: MarkDisconnected either sees this entry or this check sees its state.
            if (!CanEmit() || !await _sink.SendAsync(SocketIoCodec.EncodeEvent(Namespace, id, eventName, args, null), cancellationToken).ConfigureAwait(false))
            {
                throw new SocketIoDisconnectedException(DisconnectReason ?? SocketIoDisconnectReasons.TransportClose);
            }

            try
            {
                return await pending.Task.WaitAsync(timeout, _sink.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The client did not ack '{eventName}' within {timeout.TotalMilliseconds} ms.");
            }
        }
        finally
        {
            _pendingAcks.TryRemove(id, out _);
        }
    }

    /// <summary>The client answered ack <paramref name="id"/>; unknown or late ids are ignored, as the reference server does.</summary>
    internal bool CompleteAck(int id, IReadOnlyList<JsonElement> args) =>
        _pendingAcks.TryRemove(id, out var pending) && pending.TrySetResult(args);
}
