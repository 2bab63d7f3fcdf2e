using System.Buffers.Binary;
using System.Text;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>Reads the fields of one frame body; anything truncated or out of range throws <see cref="ProtocolException"/>.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public byte ReadByte()
    {
        if (_rest.IsEmpty)
        {
            throw Truncated();
        }

        byte value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    public long ReadInt64()
    {
        if (_rest.Length < 8)
        {
            throw Truncated();
        }

        long value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
        _rest = _rest[8..];
        return value;
    }

    public uint ReadVarUInt()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new ProtocolException("A length field is longer than 5 bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        uint length = ReadVarUInt();
        if (length > (uint)_rest.Length)
        {
            throw Truncated();
        }

        var value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return value;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    private static ProtocolException Truncated() => new("The frame ends inside a field.");
}
