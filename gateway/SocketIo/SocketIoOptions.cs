namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// The Engine.IO v4 / Socket.IO v5 endpoint's settings, bound from <c>Realtime:SocketIo</c> and validated
/// at start. The first three are sent to every client in the handshake.
/// </summary>
public sealed class SocketIoOptions
{
    public const string SectionName = "Realtime:SocketIo";

    /// <summary>Milliseconds between the server's pings (default 25000, the reference server's; 100..600000).</summary>
    public int PingInterval { get; set; } = 25_000;

    /// <summary>Milliseconds a client has to answer a ping before its session is closed (default 20000; 100..600000).</summary>
    public int PingTimeout { get; set; } = 20_000;

    /// <summary>
    /// Largest body, in bytes, of one polling POST or one WebSocket message (default 1000000; 1024..100000000).
    /// A larger POST gets HTTP 413 and leaves the session as it was; a larger WebSocket message closes the session.
    /// </summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>Milliseconds a WebSocket has, from its open, to finish the polling upgrade (probe, then upgrade packet; default 10000).</summary>
    public int UpgradeTimeout { get; set; } = 10_000;

    /// <summary>Milliseconds a session has, from its handshake, to connect a namespace before it is closed (default 45000, the reference server's).</summary>
    public int ConnectTimeout { get; set; } = 45_000;

    /// <summary>Milliseconds a server emit waits for the client's ack by default before it fails with a <see cref="TimeoutException"/> (default 10000).</summary>
    public int AckTimeout { get; set; } = 10_000;

    /// <summary>Open sessions allowed at once; further handshakes get HTTP 503 (default 10000; 1..1000000).</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>
    /// Outbound packets a session may buffer (default 256; 1..65536). When full, emits wait: that is the
    /// backpressure on the application, and a client that never drains ends by ping timeout.
    /// </summary>
    public int OutboundQueueCapacity { get; set; } = 256;

    /// <summary>Inbound packets a session may hold while its handler is busy (default 64; 1..4096); when full, reading from the client waits.</summary>
    public int InboundQueueCapacity { get; set; } = 64;

    /// <summary>Deepest JSON nesting accepted in a packet (default 32; 1..256).</summary>
    public int MaxJsonDepth { get; set; } = 32;

    internal TimeSpan PingIntervalSpan => TimeSpan.FromMilliseconds(PingInterval);

    internal TimeSpan PingTimeoutSpan => TimeSpan.FromMilliseconds(PingTimeout);

    internal static IEnumerable<Func<SocketIoOptions, string?>> Rules() =>
    [
        o => Range(nameof(PingInterval), o.PingInterval, 100, 600_000),
        o => Range(nameof(PingTimeout), o.PingTimeout, 100, 600_000),
        o => Range(nameof(MaxPayload), o.MaxPayload, 1024, 100_000_000),
        o => Range(nameof(UpgradeTimeout), o.UpgradeTimeout, 100, 600_000),
        o => Range(nameof(ConnectTimeout), o.ConnectTimeout, 100, 600_000),
        o => Range(nameof(AckTimeout), o.AckTimeout, 1, 3_600_000),
        o => Range(nameof(MaxSessions), o.MaxSessions, 1, 1_000_000),
        o => Range(nameof(OutboundQueueCapacity), o.OutboundQueueCapacity, 1, 65_536),
        o => Range(nameof(InboundQueueCapacity), o.InboundQueueCapacity, 1, 4096),
        o => Range(nameof(MaxJsonDepth), o.MaxJsonDepth, 1, 256),
    ];

    private static string? Range(string name, int value, int min, int max) =>
        value < min || value > max ? $"{name} must be between {min} and {max}, but is {value}." : null;
}
