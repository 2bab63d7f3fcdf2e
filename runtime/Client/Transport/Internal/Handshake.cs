using System.Buffers;
using System.IO.Pipelines;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>The first frame each side reads: the peer's Hello, or a Refused frame with its reason.</summary>
internal static class Handshake
{
    /// <summary>
    /// Reads exactly one frame; any other frame type, a malformed one, or the end of the stream throws
    /// <see cref="ProtocolException"/>; <paramref name="cancellationToken"/> bounds the wait (the handshake timeout).
    /// </summary>
    public static async Task<(HandshakeInfo? Hello, string? RefusedReason)> ReadAsync(PipeReader input, int maxFrameSize, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadFrameAsync(input, maxFrameSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // With inline socket scheduling (TransportOptions.InlineSocketScheduling) the read completes on the
            // socket's I/O thread, and the caller's code (a connect, the acceptor) would go on there: a caller that
            // then blocks, or just works long, stalls every socket that thread serves. The loops are ours; the
            // caller's continuation is not.
            await Task.Yield();
        }
    }

    private static async Task<(HandshakeInfo? Hello, string? RefusedReason)> ReadFrameAsync(PipeReader input, int maxFrameSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (FrameParser.TryReadFrame(ref buffer, maxFrameSize, out var body))
                {
                    return Parse(body.ToArray());
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    throw new ProtocolException("The peer closed the connection before its hello.");
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    public static async ValueTask WriteAsync(PipeWriter output, OutboundFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            output.Write(frame.Span);
        }
        finally
        {
            frame.Return();
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (HandshakeInfo?, string?) Parse(byte[] body)
    {
        var reader = new FrameReader(body);
        var type = (FrameType)reader.ReadByte();
        return type switch
        {
            FrameType.Hello => (FrameCodec.ReadHello(ref reader), null),
            FrameType.Refused => (null, reader.ReadString()),
            _ => throw new ProtocolException($"Expected a hello, got frame type {(byte)type}."),
        };
    }
}
