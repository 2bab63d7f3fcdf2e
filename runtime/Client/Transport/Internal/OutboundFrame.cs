using System.Buffers;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>A complete frame (length prefix included) in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the send loop returns it.</summary>
internal readonly struct OutboundFrame(byte[] buffer, int length)
{
    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    public void Return() => ArrayPool<byte>.Shared.Return(buffer);
}
