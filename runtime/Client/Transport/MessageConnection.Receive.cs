using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport.Internal;

namespace OrleansRealtime.Client.Transport;

/// <summary>The inbound half: one loop that parses every complete frame in the buffer before reading again.</summary>
public sealed partial class MessageConnection
{
    /// <summary>Grain type, interface and method names of inbound requests; used by the receive loop only.</summary>
    private readonly Utf8StringCache _names = new();

    private async Task ReceiveLoopAsync()
    {
        var input = _context.Transport.Input;
        string reason = "the peer closed the connection";
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled || _closed)
                {
                    reason = "the connection closed";
                    break;
                }

                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Volatile.Write(ref _lastReceive, _time.GetTimestamp());
                }

                try
                {
                    while (!_closed && FrameParser.TryReadFrame(ref buffer, _options.MaxFrameSize, out var body))
                    {
                        OnFrame(body);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty && !_closed)
                    {
                        throw new ProtocolException("The peer closed the connection inside a frame.");
                    }

                    break;
                }
            }
        }
        catch (ProtocolException ex)
        {
            Log.ProtocolError(_logger, Remote.Role, Remote.SenderId, RemoteEndPoint, ex.Message);
            reason = $"protocol error: {ex.Message}";
            error = ex;
        }
        catch (Exception ex)
        {
            reason = "receiving failed";
            error = ex;
        }

        Close(reason, error);
    }

    private void OnFrame(in ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            OnFrame(body.FirstSpan);
            return;
        }

        int length = (int)body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            OnFrame(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void OnFrame(ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        var type = (FrameType)reader.ReadByte();
        switch (type)
        {
            case FrameType.Request:
                OnRequestFrame(ref reader);
                break;
            case FrameType.Response:
                OnResponseFrame(ref reader);
                break;
            case FrameType.Ping:
                Enqueue(FrameCodec.Empty(FrameType.Pong));
                KeepAliveReceived?.Invoke(type);
                break;
            case FrameType.Pong:
                KeepAliveReceived?.Invoke(type);
                break;
            case FrameType.Refused:
                throw new ProtocolException($"The peer closed the connection: {reader.ReadString()}");
            case FrameType.Hello:
                throw new ProtocolException("A second hello arrived after the handshake.");
            default:
                throw new ProtocolException($"Unknown frame type {(byte)type}.");
        }
    }

    private void OnRequestFrame(ref FrameReader reader)
    {
        long requestId = reader.ReadInt64();
        bool oneWay = ((RequestFrameFlags)reader.ReadByte() & RequestFrameFlags.OneWay) != 0;
        _ = reader.ReadVarUInt(); // InvokeFlags: the generated request class knows its own; carried for diagnostics and peers.
        int forwardCount = (int)Math.Min(reader.ReadVarUInt(), int.MaxValue);
        if (!TryReadGrainId(reader.ReadBytes(), out var grainId))
        {
            throw new ProtocolException("A request names a malformed grain id.");
        }

        string interfaceName = _names.Get(reader.ReadBytes());
        string methodName = _names.Get(reader.ReadBytes());

        GrainRequest request;
        try
        {
            request = GrainInterfaceRegistry.CreateRequest(interfaceName, methodName);
            var json = new Utf8JsonReader(reader.Rest);
            request.ReadArguments(ref json, _serializer.Options);
        }
        catch (Exception ex) when (ex is UnknownGrainInterfaceException || FrameCodec.IsSerializationFailure(ex))
        {
            var failure = ex as UnknownGrainInterfaceException as Exception
                ?? new GrainSerializationException($"The arguments of {interfaceName}.{methodName} cannot be read: {ex.Message}", ex);
            Log.RequestRejected(_logger, interfaceName, methodName, failure.GetType().Name);
            if (!oneWay)
            {
                SendFailure(requestId, failure);
            }

            return;
        }

        var sink = oneWay ? null : new WireResponseSink(this, requestId, request);
        var message = new Message(grainId, request, sink) { ForwardCount = forwardCount };
        try
        {
            _handler.OnRequest(this, message);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, nameof(IInboundMessageHandler.OnRequest), ex);
            sink?.Fail(ex);
        }
    }

    private void OnResponseFrame(ref FrameReader reader)
    {
        long requestId = reader.ReadInt64();
        var status = (ResponseStatus)reader.ReadByte();
        if (status is not (ResponseStatus.Ok or ResponseStatus.Exception or ResponseStatus.Redirect))
        {
            throw new ProtocolException($"Unknown response status {(byte)status}.");
        }

        PendingCall call;
        bool found;
        lock (_lock)
        {
            found = _pending.Remove(requestId, out call);
        }

        if (!found)
        {
            Log.UnknownResponse(_logger, requestId);
            return;
        }

        var outcome = ReadOutcome(status, call.Request, reader.Rest, out object? result);
        try
        {
            if (outcome is null)
            {
                call.Sink.Complete(result);
            }
            else
            {
                call.Sink.Fail(outcome);
            }
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, "IResponseSink", ex);
        }
    }

    /// <summary>Null with the result for Ok; the exception to fail the call with otherwise. Never throws.</summary>
    private Exception? ReadOutcome(ResponseStatus status, GrainRequest request, ReadOnlySpan<byte> body, out object? result)
    {
        result = null;
        try
        {
            switch (status)
            {
                case ResponseStatus.Ok:
                    var json = new Utf8JsonReader(body);
                    json.Read();
                    result = request.ReadResult(ref json, _serializer.Options);
                    return null;
                case ResponseStatus.Exception:
                    return ExceptionCodec.Restore(FrameCodec.ReadExceptionInfo(body, _serializer));
                default:
                    return new GrainRedirectException(FrameCodec.ReadGrainAddress(body));
            }
        }
        catch (GrainSerializationException ex)
        {
            return ex;
        }
        catch (Exception ex) when (ex is ProtocolException || FrameCodec.IsSerializationFailure(ex))
        {
            return new GrainSerializationException($"The response to {request} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// <c>type/key</c> split at the first '/' (a byte that never occurs inside a multi-byte UTF-8 sequence); the type
    /// comes from <see cref="_names"/>, so only the key is a new string.
    /// </summary>
    private bool TryReadGrainId(ReadOnlySpan<byte> utf8, out GrainId grainId)
    {
        int slash = utf8.IndexOf((byte)'/');
        grainId = slash > 0 ? new GrainId(_names.Get(utf8[..slash]), Encoding.UTF8.GetString(utf8[(slash + 1)..])) : default;
        return slash > 0;
    }
}
