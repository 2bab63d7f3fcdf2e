using System.Buffers;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Transport.Internal;

namespace OrleansRealtime.Client.Transport;

/// <summary>The outbound half: one queue, one loop that writes every queued frame and flushes once per batch.</summary>
public sealed partial class MessageConnection
{
    /// <summary>Flush at least this often within one long batch, so a burst reaches the socket before all of it is copied.</summary>
    private const int MaxBatchBytes = 256 * 1024;

    /// <summary>Writes the response of an inbound request (called by its <see cref="WireResponseSink"/>); dropped on a closed connection.</summary>
    internal void SendResult(long requestId, GrainRequest request, object? result)
    {
        if (_closed)
        {
            return;
        }

        OutboundFrame frame;
        try
        {
            frame = FrameCodec.ResultResponse(requestId, request, result, _serializer.Options, _options.MaxFrameSize);
        }
        catch (Exception ex)
        {
            var failure = ex as GrainSerializationException
                ?? new GrainSerializationException($"The result of {request} cannot be serialized: {ex.Message}", ex);
            frame = FrameCodec.ExceptionResponse(requestId, failure, _serializer.Options);
        }

        Enqueue(frame);
    }

    internal void SendFailure(long requestId, Exception exception)
    {
        if (!_closed)
        {
            Enqueue(exception is GrainRedirectException redirect
                ? FrameCodec.RedirectResponse(requestId, redirect.Address)
                : FrameCodec.ExceptionResponse(requestId, exception, _serializer.Options));
        }
    }

    /// <summary>Queues a frame; a peer that lets <see cref="TransportOptions.SendQueueLimit"/> bytes pile up is disconnected as slow.</summary>
    private void Enqueue(OutboundFrame frame)
    {
        long queued = Interlocked.Add(ref _queuedBytes, frame.Length);
        if (queued > _options.SendQueueLimit)
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
            Log.SlowPeer(_logger, Remote.Role, Remote.SenderId, RemoteEndPoint, queued);
            Close($"the peer does not read: {queued} bytes queued exceed SendQueueLimit ({_options.SendQueueLimit})", null);
            return;
        }

        if (!_outbound.Writer.TryWrite(frame))
        {
            // Closed meanwhile: Close already failed the call this frame belongs to.
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
        }
    }

    private async Task SendLoopAsync()
    {
        var output = _context.Transport.Output;
        var reader = _outbound.Reader;
        string reason = "the connection closed";
        Exception? error = null;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                int batch = 0;
                while (batch < MaxBatchBytes && reader.TryRead(out var frame))
                {
                    output.Write(frame.Span);
                    batch += frame.Length;
                    Interlocked.Add(ref _queuedBytes, -frame.Length);
                    frame.Return();
                }

                Volatile.Write(ref _lastSend, _time.GetTimestamp());
                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    reason = "the peer stopped reading";
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            reason = "sending failed";
            error = ex;
        }

        Close(reason, error);
        while (reader.TryRead(out var frame))
        {
            frame.Return();
        }
    }
}
