namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>The first byte of every frame body; see docs/transport.md.</summary>
internal enum FrameType : byte
{
    Hello = 1,
    Refused = 2,
    Request = 3,
    Response = 4,
    Ping = 5,
    Pong = 6,
}

/// <summary>Flags byte of a Request frame (transport-level; the method's <c>InvokeFlags</c> travel separately).</summary>
[Flags]
internal enum RequestFrameFlags : byte
{
    None = 0,

    /// <summary>The sender keeps no sink: the receiver must not respond.</summary>
    OneWay = 1,
}

/// <summary>Status byte of a Response frame.</summary>
internal enum ResponseStatus : byte
{
    Ok = 0,
    Exception = 1,
    Redirect = 2,
}
