using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

internal sealed partial class EngineIoSession
{
    private const string TextContentType = "text/plain; charset=UTF-8";

    private static readonly byte[] NoopPacket = EngineIoCodec.Encode(EngineIoPacketType.Noop);
    private static readonly byte[] ClosePacket = EngineIoCodec.Encode(EngineIoPacketType.Close);

    private CancellationTokenSource? _pollWait;
    private TaskCompletionSource? _pollArrived;
    private bool _postInFlight;
    private bool _upgrading;

    /// <summary>
    /// A long-polling GET: waits for queued packets and answers with as many as fit in maxPayload. A second GET
    /// while one waits closes the session (the spec's rule: overlapping polls mean a broken client or a replay),
    /// the waiting one answering with a close packet and the new one with 400.
    /// </summary>
    /// <summary>Completes once a polling GET is being served (at once if one is): tests stop the host only after that.</summary>
    internal Task PollInProgress()
    {
        lock (_lock)
        {
            if (_pollWait is not null)
            {
                return Task.CompletedTask;
            }

            _pollArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _pollArrived.Task;
        }
    }

    public async Task PollAsync(HttpContext context)
    {
        CancellationTokenSource? wait = null;
        bool overlap = false, noop = false;
        lock (_lock)
        {
            if (_pollWait is not null)
            {
                overlap = true;
            }
            else if (_upgrading || !_writerLease.Wait(0))
            {
                // Paused for an upgrade (or already upgraded): answer at once so the client can finish pausing.
                noop = true;
            }
            else
            {
                wait = _pollWait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _aborted.Token);
                _pollArrived?.TrySetResult();
                _pollArrived = null;
            }
        }

        if (overlap)
        {
            SocketIoLog.ProtocolViolation(_logger, Id, "overlapping polling GET");
            Close(SocketIoDisconnectReasons.TransportError, graceful: false);
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
            return;
        }

        if (noop)
        {
            await WritePayloadAsync(context, [NoopPacket]).ConfigureAwait(false);
            return;
        }

        try
        {
            var batch = new List<byte[]>();
            var close = false;
            try
            {
                if (await _outbound.Reader.WaitToReadAsync(wait!.Token).ConfigureAwait(false))
                {
                    Drain(batch);
                }

                // The close packet travels alone, in the poll after the last packets (as the reference server
                // sends it): socket.io-client handles a decoded packet on the next tick but a close at once, so
                // a close in the same payload overtakes what came before it (a DISCONNECT seen as "transport close").
                close = batch.Count == 0 && _outbound.Reader.Completion.IsCompleted;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && !_aborted.IsCancellationRequested)
            {
                // The client went away; what is queued stays queued for its next poll.
                return;
            }
            catch (OperationCanceledException)
            {
                // Torn down (say so), or paused by an upgrade probe (noop below).
                close = _aborted.IsCancellationRequested;
            }

            if (close)
            {
                batch.Add(ClosePacket);
            }
            else if (batch.Count == 0)
            {
                batch.Add(NoopPacket);
            }

            await WritePayloadAsync(context, batch).ConfigureAwait(false);
            if (close)
            {
                Abort();
            }
        }
        finally
        {
            lock (_lock)
            {
                _pollWait = null;
            }

            wait!.Dispose();
            _writerLease.Release();
        }
    }

    /// <summary>
    /// A polling POST: the body (at most maxPayload bytes, else 413 with the session untouched) is decoded as
    /// strict UTF-8 packets; a malformed one closes this session only, with 400.
    /// </summary>
    public async Task PostAsync(HttpContext context)
    {
        bool overlap;
        lock (_lock)
        {
            overlap = _postInFlight;
            _postInFlight = true;
        }

        if (overlap)
        {
            SocketIoLog.ProtocolViolation(_logger, Id, "overlapping polling POST");
            Close(SocketIoDisconnectReasons.TransportError, graceful: false);
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
            return;
        }

        try
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (body is null)
            {
                SocketIoLog.PayloadTooLarge(_logger, Id, _options.MaxPayload);
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var packets = EngineIoCodec.DecodePayload(body);
            if (!packets.IsSuccess)
            {
                SocketIoLog.ProtocolViolation(_logger, Id, packets.Error!);
                Close(SocketIoDisconnectReasons.ParseError, graceful: false);
                await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
                return;
            }

            foreach (var packet in packets.Value!)
            {
                await OnInboundAsync(packet).ConfigureAwait(false);
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-body; nothing was delivered from a partial body.
        }
        finally
        {
            lock (_lock)
            {
                _postInFlight = false;
            }
        }
    }

    /// <summary>Stops the polling transport for an upgrade: the waiting GET (if any) answers with a noop, later ones too.</summary>
    public void PausePolling()
    {
        CancellationTokenSource? wait;
        lock (_lock)
        {
            _upgrading = true;
            wait = _pollWait;
        }

        // Cancelled outside the lock: the GET's continuation takes the lock itself.
        try
        {
            wait?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That GET has just answered.
        }
    }

    /// <summary>The body, or null when it is larger than maxPayload (read no further than that).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxPayload;
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel's own cap (30 MB by default) must not answer before ours does.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private void Drain(List<byte[]> batch)
    {
        var bytes = 0;
        while (bytes < _options.MaxPayload && _outbound.Reader.TryRead(out var packet))
        {
            batch.Add(packet);
            bytes += packet.Length + 1;
        }
    }

    private static async Task WritePayloadAsync(HttpContext context, IReadOnlyList<byte[]> packets)
    {
        var payload = EngineIoCodec.EncodePayload(packets);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = TextContentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload, context.RequestAborted).ConfigureAwait(false);
    }
}
