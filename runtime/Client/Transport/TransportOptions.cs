namespace OrleansRealtime.Client.Transport;

/// <summary>Options of the TCP message transport, bound from <c>Realtime:Transport</c>.</summary>
public sealed class TransportOptions
{
    public const string SectionName = "Realtime:Transport";

    /// <summary>
    /// The largest frame body accepted or sent, in bytes (default 16 MiB). A peer announcing a larger frame is a
    /// protocol error and loses its connection; a call whose arguments or result exceed it fails with
    /// <c>GrainSerializationException</c> and the connection stays up.
    /// </summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long each side waits for the peer's Hello after the TCP connection is up (default 5 s).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a connector waits for the TCP connection to be accepted (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A Ping frame is sent after this much send-idleness (default 10 s), so the peer's <see cref="IdleTimeout"/>
    /// does not close a healthy connection that just has nothing to say. <see cref="Timeout.InfiniteTimeSpan"/> disables pings.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The connection closes when nothing at all arrived for this long (default 30 s): a peer on a dead machine
    /// sends no FIN, and this is how its pending calls still fail. Must exceed <see cref="KeepAliveInterval"/>.
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most bytes one connection may have queued for sending (default 64 MiB). A peer that stops reading
    /// while this much waits is treated as slow and disconnected, failing its pending calls, instead of letting
    /// the queue grow without bound.
    /// </summary>
    public long SendQueueLimit { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Runs the socket's pipe continuations on its I/O thread instead of queuing each to the thread pool (default
    /// true; Kestrel's <c>UnsafePreferInlineScheduling</c>, on both the listener and outbound connections). Only the
    /// transport's own loops run there: they parse frames and hand each request to its activation's scheduler, and
    /// the handshake leaves the thread before returning to its caller. It saves about two thread-pool hops per frame
    /// received and one per flush: 30% of the work items of a stream item through two silos, and a lower p99 (see
    /// docs/benchmarks.md, "Cluster transport").
    /// </summary>
    public bool InlineSocketScheduling { get; set; } = true;

    internal TimeSpan TickPeriod
    {
        get
        {
            var shortest = KeepAliveInterval == Timeout.InfiniteTimeSpan ? IdleTimeout
                : IdleTimeout == Timeout.InfiniteTimeSpan ? KeepAliveInterval
                : KeepAliveInterval < IdleTimeout ? KeepAliveInterval : IdleTimeout;
            return shortest == Timeout.InfiniteTimeSpan ? shortest : shortest / 2;
        }
    }

    /// <summary>Null when valid, else a message naming the property and its value.</summary>
    public string? Validate() =>
        MaxFrameSize < 64 ? $"MaxFrameSize must be at least 64 bytes, but is {MaxFrameSize}."
        : HandshakeTimeout <= TimeSpan.Zero ? $"HandshakeTimeout must be positive, but is {HandshakeTimeout}."
        : ConnectTimeout <= TimeSpan.Zero ? $"ConnectTimeout must be positive, but is {ConnectTimeout}."
        : KeepAliveInterval <= TimeSpan.Zero && KeepAliveInterval != Timeout.InfiniteTimeSpan ? $"KeepAliveInterval must be positive or infinite, but is {KeepAliveInterval}."
        : IdleTimeout <= TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan ? $"IdleTimeout must be positive or infinite, but is {IdleTimeout}."
        : IdleTimeout != Timeout.InfiniteTimeSpan && KeepAliveInterval != Timeout.InfiniteTimeSpan && IdleTimeout <= KeepAliveInterval
            ? $"IdleTimeout ({IdleTimeout}) must exceed KeepAliveInterval ({KeepAliveInterval}), or healthy idle connections close."
        : SendQueueLimit < MaxFrameSize ? $"SendQueueLimit must be at least MaxFrameSize ({MaxFrameSize}), but is {SendQueueLimit}."
        : null;
}
