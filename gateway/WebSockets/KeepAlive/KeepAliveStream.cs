namespace OrleansRealtime.Gateway.WebSockets.KeepAlive;

/// <summary>
/// An upgraded connection's stream with the gateway's keep-alive spliced in, so that one sweep per gateway
/// (<see cref="KeepAliveSweep"/>) replaces a heartbeat timer per socket. It notes when the peer sent anything
/// (a pong, or any other frame: both prove it alive) and writes WebSocket ping frames between the frames the
/// socket writes.
/// <para>
/// Ordering: the socket's bytes go out unchanged and in order. A requested ping goes out at the first frame
/// boundary: at once when nothing is being written, otherwise right after the frame being written, never inside
/// one and never after a close frame. One writer at a time reaches the inner stream (the socket serializes its own
/// writes; the ping takes turns with them).
/// </para>
/// </summary>
internal sealed class KeepAliveStream(Stream inner) : Stream
{
    private const int Idle = 0;
    private const int SocketWriting = 1;
    private const int PingWriting = 2;

    // FIN + ping opcode, unmasked (a server's frames are), no payload.
    private static readonly ReadOnlyMemory<byte> PingFrame = new byte[] { 0x89, 0x00 };

    private WebSocketFrameBoundary _frames;
    private int _writer;
    private int _pingWanted;
    private volatile bool _heard;
    private Task _pingWrite = Task.CompletedTask;

    /// <summary>True when the peer sent something since the last <see cref="RequestPing"/>.</summary>
    public bool Heard => _heard;

    /// <summary>The sweep's slot for this stream (owned by <see cref="KeepAliveSweep"/>, under its lock).</summary>
    internal int SweepSlot { get; set; } = -1;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Asks for a ping at the next frame boundary and starts listening for the peer's answer.</summary>
    public void RequestPing()
    {
        _heard = false;
        Volatile.Write(ref _pingWanted, 1);
        TryWritePendingPing();
    }

    /// <summary>Writes a requested ping now if nothing is being written and the last frame is complete.</summary>
    public void TryWritePendingPing()
    {
        if (Volatile.Read(ref _pingWanted) == 0 || Interlocked.CompareExchange(ref _writer, PingWriting, Idle) != Idle)
        {
            // Being written: the socket's write in progress sends it when its frame is complete.
            return;
        }

        if (!_frames.AtBoundary || _frames.CloseSent || Interlocked.Exchange(ref _pingWanted, 0) == 0)
        {
            Volatile.Write(ref _writer, Idle);
            return;
        }

        Volatile.Write(ref _pingWrite, WritePingAsync());
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // An idle socket waits with a zero-byte read; passing it through as is keeps no state machine alive per idle socket.
        var read = inner.ReadAsync(buffer, cancellationToken);
        if (buffer.IsEmpty)
        {
            return read;
        }

        if (read.IsCompletedSuccessfully)
        {
            return new ValueTask<int>(Note(read.Result));
        }

        return AwaitReadAsync(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Note(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Note(inner.Read(buffer));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Interlocked.CompareExchange(ref _writer, SocketWriting, Idle) == Idle
            ? WriteHoldingWriter(buffer, cancellationToken)
            : WriteAfterPingAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _writer, SocketWriting, Idle) != Idle)
        {
            Volatile.Read(ref _pingWrite).Wait();
            spinner.SpinOnce();
        }

        try
        {
            _frames.Advance(buffer);
            inner.Write(buffer);
        }
        catch
        {
            Volatile.Write(ref _writer, Idle);
            throw;
        }

        FinishSocketWrite().AsTask().GetAwaiter().GetResult();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private int Note(int read)
    {
        if (read > 0)
        {
            _heard = true;
        }

        return read;
    }

    private async ValueTask<int> AwaitReadAsync(ValueTask<int> read) => Note(await read.ConfigureAwait(false));

    private async ValueTask AwaitSocketWriteAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch
        {
            Volatile.Write(ref _writer, Idle);
            throw;
        }

        await FinishSocketWrite().ConfigureAwait(false);
    }

    /// <summary>Still the writer: sends a ping that was asked for meanwhile if the frame is complete, then lets go.</summary>
    private ValueTask FinishSocketWrite()
    {
        if (Volatile.Read(ref _pingWanted) == 1 && _frames.AtBoundary && !_frames.CloseSent && Interlocked.Exchange(ref _pingWanted, 0) == 1)
        {
            ValueTask ping;
            try
            {
                ping = inner.WriteAsync(PingFrame);
            }
            catch
            {
                Volatile.Write(ref _writer, Idle);
                throw;
            }

            if (!ping.IsCompletedSuccessfully)
            {
                return ReleaseAfterAsync(ping);
            }

            ping.GetAwaiter().GetResult();
        }

        Volatile.Write(ref _writer, Idle);
        return default;
    }

    private async ValueTask ReleaseAfterAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writer, Idle);
        }
    }

    private async ValueTask WriteAfterPingAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        // Only a ping can hold the writer here (the socket never overlaps its own writes); it is two bytes.
        while (Interlocked.CompareExchange(ref _writer, SocketWriting, Idle) != Idle)
        {
            var ping = Volatile.Read(ref _pingWrite);
            if (ping.IsCompleted)
            {
                // The ping's task is not published yet; it is being started.
                await Task.Yield();
            }
            else
            {
                await ping.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        await WriteHoldingWriter(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The writer's part of a socket write: its bytes, then a ping asked for meanwhile, then it lets go.</summary>
    private ValueTask WriteHoldingWriter(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ValueTask write;
        try
        {
            _frames.Advance(buffer.Span);
            write = inner.WriteAsync(buffer, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref _writer, Idle);
            throw;
        }

        if (!write.IsCompletedSuccessfully)
        {
            return AwaitSocketWriteAsync(write);
        }

        // Consumed even when complete: a pooled value-task source is released only by GetResult.
        write.GetAwaiter().GetResult();
        return FinishSocketWrite();
    }

    private async Task WritePingAsync()
    {
        try
        {
            await inner.WriteAsync(PingFrame).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nobody awaits a ping: whatever failed it failed the connection, which the socket's own reads and writes report.
        }
        finally
        {
            Volatile.Write(ref _writer, Idle);
        }
    }
}
