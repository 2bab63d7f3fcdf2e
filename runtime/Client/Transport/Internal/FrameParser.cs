using System.Buffers;
using System.Buffers.Binary;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>Splits received bytes into frames: a 4-byte little-endian body length, then the body.</summary>
internal static class FrameParser
{
    /// <summary>
    /// Takes the next complete frame off <paramref name="buffer"/>. The length is checked as soon as the prefix
    /// is there, so an oversize frame is refused without buffering it.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        int length;
        if (buffer.FirstSpan.Length >= 4)
        {
            length = BinaryPrimitives.ReadInt32LittleEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[4];
            buffer.Slice(0, 4).CopyTo(prefix);
            length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        }

        if (length <= 0 || length > maxFrameSize)
        {
            throw new ProtocolException(length <= 0
                ? "A frame announces an empty or negative length."
                : $"A frame announces {length} bytes, more than MaxFrameSize ({maxFrameSize}).");
        }

        if (buffer.Length - 4 < length)
        {
            return false;
        }

        body = buffer.Slice(4, length);
        buffer = buffer.Slice(body.End);
        return true;
    }
}
