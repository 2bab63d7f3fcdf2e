using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>
/// Writes one frame body into a reusable per-thread buffer, then copies it, behind its length prefix, into a
/// pooled array (<see cref="ToFrame"/>). Building on the sender's thread spreads serialization over the
/// callers instead of the connection's one send loop. Not thread-safe; <see cref="Rent"/> and <see cref="Return"/>.
/// </summary>
internal sealed class FrameBuilder
{
    /// <summary>A buffer that grew past this (one huge frame) is dropped rather than kept per thread.</summary>
    private const int KeepCapacity = 1024 * 1024;

    [ThreadStatic]
    private static FrameBuilder? t_cached;

    private ArrayBufferWriter<byte> _buffer = new(512);
    private Utf8JsonWriter? _json;

    public int Length => _buffer.WrittenCount;

    /// <summary>Takes this thread's builder (or a new one when it is in use, for example by a nested call).</summary>
    public static FrameBuilder Rent(FrameType type)
    {
        var builder = t_cached ?? new FrameBuilder();
        t_cached = null;
        builder._buffer.ResetWrittenCount();
        builder.WriteByte((byte)type);
        return builder;
    }

    public void Return()
    {
        if (_buffer.Capacity > KeepCapacity)
        {
            _buffer = new ArrayBufferWriter<byte>(512);
            _json = null;
        }

        t_cached = this;
    }

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Unsigned LEB128: 7 bits a byte, high bit set on every byte but the last.</summary>
    public void WriteVarUInt(uint value)
    {
        var span = _buffer.GetSpan(5);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void WriteString(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
    }

    /// <summary>A grain id as the string <c>type/key</c> (what <see cref="WriteString"/> writes for its <c>ToString()</c>), without building that string.</summary>
    public void WriteGrainId(OrleansRealtime.Abstractions.Identity.GrainId id)
    {
        int typeCount = Encoding.UTF8.GetByteCount(id.Type);
        int count = typeCount + 1 + Encoding.UTF8.GetByteCount(id.Key);
        WriteVarUInt((uint)count);
        var span = _buffer.GetSpan(count);
        Encoding.UTF8.GetBytes(id.Type, span);
        span[typeCount] = (byte)'/';
        Encoding.UTF8.GetBytes(id.Key, span[(typeCount + 1)..]);
        _buffer.Advance(count);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarUInt((uint)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A JSON writer appending to this frame; the caller writes one value and calls <see cref="Utf8JsonWriter.Flush"/>.</summary>
    public Utf8JsonWriter Json()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_buffer);
        }
        else
        {
            _json.Reset(_buffer);
        }

        return _json;
    }

    /// <summary>The frame with its 4-byte little-endian length prefix, in a pooled array.</summary>
    public OutboundFrame ToFrame()
    {
        int length = _buffer.WrittenCount;
        var array = ArrayPool<byte>.Shared.Rent(length + 4);
        BinaryPrimitives.WriteInt32LittleEndian(array, length);
        _buffer.WrittenSpan.CopyTo(array.AsSpan(4));
        return new OutboundFrame(array, length + 4);
    }
}
