using System.Threading.Channels;

namespace OrleansRealtime.Gateway.Tests.WebSockets.KeepAlive;

/// <summary>
/// The connection under a <c>KeepAliveStream</c> in tests: records every write in order (and can hold the next
/// one pending until released), and serves reads from what the test feeds as the peer's bytes.
/// </summary>
internal sealed class RecordingStream : Stream
{
    private readonly Lock _lock = new();
    private readonly List<byte[]> _writes = [];
    private readonly Channel<byte[]> _peer = Channel.CreateUnbounded<byte[]>();
    private TaskCompletionSource? _hold;
    private byte[] _pending = [];

    public List<byte[]> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Everything written, as one byte string.</summary>
    public byte[] Written => [.. Writes.SelectMany(w => w)];

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The next write is recorded at once but completes only when the returned source is completed.</summary>
    public TaskCompletionSource HoldNextWrite()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _hold = hold;
        }

        return hold;
    }

    public void Feed(params byte[] peerBytes) => _peer.Writer.TryWrite(peerBytes);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource? hold;
        lock (_lock)
        {
            _writes.Add(buffer.ToArray());
            hold = _hold;
            _hold = null;
        }

        if (hold is not null)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.Length == 0)
        {
            if (!await _peer.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (buffer.IsEmpty)
            {
                return 0;
            }

            _pending = await _peer.Reader.ReadAsync(cancellationToken);
        }

        var count = Math.Min(buffer.Length, _pending.Length);
        _pending.AsSpan(0, count).CopyTo(buffer.Span);
        _pending = _pending[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _peer.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
