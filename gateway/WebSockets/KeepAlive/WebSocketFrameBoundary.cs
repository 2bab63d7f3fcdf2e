namespace OrleansRealtime.Gateway.WebSockets.KeepAlive;

/// <summary>
/// Follows the frames a server-side WebSocket writes, byte by byte as they are written, to tell whether the
/// next byte starts a new frame (where a ping may go) and whether a close frame went out (after which no ping
/// may). It relies on nothing about how the socket splits its writes: a header or a payload may span writes.
/// </summary>
internal struct WebSocketFrameBoundary
{
    private const byte CloseOpcode = 0x8;

    private long _payloadLeft;
    private ulong _extendedLength;
    private int _headerRead;
    private int _headerLength;
    private byte _second;

    /// <summary>True when nothing of a frame is half-written: the next byte written starts a frame.</summary>
    public readonly bool AtBoundary => _headerRead == 0 && _payloadLeft == 0;

    /// <summary>True once a close frame started: the connection writes nothing more of its own after it.</summary>
    public bool CloseSent { get; private set; }

    /// <summary>Accounts for <paramref name="written"/>, the next bytes of the connection in order.</summary>
    public void Advance(ReadOnlySpan<byte> written)
    {
        while (!written.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skip = (int)Math.Min(_payloadLeft, written.Length);
                _payloadLeft -= skip;
                written = written[skip..];
                continue;
            }

            ReadHeaderByte(written[0]);
            written = written[1..];
        }
    }

    private void ReadHeaderByte(byte value)
    {
        switch (_headerRead++)
        {
            case 0:
                CloseSent |= (value & 0x0F) == CloseOpcode;
                return;
            case 1:
                _second = value;
                var length7 = value & 0x7F;
                _headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((value & 0x80) != 0 ? 4 : 0);
                _extendedLength = 0;
                break;
            default:
                // The extended length (big-endian) comes before a masking key, which adds nothing to the length.
                if (_headerRead <= 2 + ExtendedLengthBytes)
                {
                    _extendedLength = (_extendedLength << 8) | value;
                }

                break;
        }

        if (_headerRead == _headerLength)
        {
            var length7 = _second & 0x7F;
            _payloadLeft = length7 < 126 ? length7 : (long)_extendedLength;
            _headerRead = 0;
        }
    }

    private readonly int ExtendedLengthBytes => (_second & 0x7F) switch
    {
        126 => 2,
        127 => 8,
        _ => 0,
    };
}
