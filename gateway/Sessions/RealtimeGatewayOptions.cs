namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// Per-socket limits of the WebSocket endpoints (and of Socket.IO), bound from <c>Realtime:Gateway</c> and
/// validated at start. Every default is the one docs/protocol.md and docs/configuration.md state.
/// </summary>
public sealed class RealtimeGatewayOptions
{
    public const string SectionName = "Realtime:Gateway";

    /// <summary>
    /// Messages a socket's outbound queue holds (default 1024, 16..65536). When it is full, conflatable events
    /// keep only the latest per key and ephemeral ones are dropped; if a durable event still finds no room, the
    /// socket is closed as a slow consumer (close code 4000) and may resume.
    /// </summary>
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>Largest inbound message (default 64 KiB, 1 KiB..16 MiB); a larger one closes the socket with 1009.</summary>
    public int MaxInboundMessageBytes { get; set; } = 64 * 1024;

    /// <summary>The inbound token bucket's size: messages a socket may send in a burst (default 60).</summary>
    public int InboundBurst { get; set; } = 60;

    /// <summary>Tokens refilled per second (default 20).</summary>
    public double InboundRatePerSecond { get; set; } = 20;

    /// <summary>When the bucket falls to this many tokens, the socket gets <c>rate_limit_warning</c> (default 10).</summary>
    public int RateLimitWarningThreshold { get; set; } = 10;

    /// <summary>Messages refused for an empty bucket before the socket is closed with 1008 (default 20).</summary>
    public int RateLimitTolerance { get; set; } = 20;

    /// <summary>How often the server sends a WebSocket ping (default 25 s, as Socket.IO's pingInterval).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a ping may go unanswered before the peer is dropped (default 20 s, as Socket.IO's pingTimeout).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Sockets one user may hold on this gateway (default 32); one more is closed with 4029, "do not retry".</summary>
    public int MaxConnectionsPerUser { get; set; } = 32;

    /// <summary>
    /// Origins allowed to open a socket from a browser (exact <c>scheme://host[:port]</c>, case-insensitive).
    /// Empty (default) allows every origin; a handshake without an Origin header (non-browser) is always allowed.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How long after a token's <c>exp</c> the socket is closed (default 2 s, at most 5 s): the socket first
    /// gets <c>connection_error</c> AUTH_EXPIRED, then the close 4001, unless it sent a valid <c>refresh_token</c>.
    /// </summary>
    public TimeSpan AuthExpiryCloseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a new socket without <c>last_seq</c> in its query waits for a first <c>resume</c> message before
    /// live events flow (default 1 s; 0 turns message resume off). Events arriving meanwhile are held, not lost.
    /// </summary>
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Items read per history page while resuming (default 500).</summary>
    public int ResumePageSize { get; set; } = 500;

    /// <summary>The <c>retry_after_ms</c> of the <c>reconnect</c> message sent when the gateway drains (default 1000).</summary>
    public int DrainRetryAfterMs { get; set; } = 1000;

    /// <summary>How long a draining gateway waits for its sockets to flush and close (default 10 s).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the gateway renews the presence of its sessions in the user grains (default 40 s, a third of the 2 min lease).</summary>
    public TimeSpan PresenceRenewalPeriod { get; set; } = TimeSpan.FromSeconds(40);

    internal static IEnumerable<Func<RealtimeGatewayOptions, string?>> Rules() =>
    [
        o => o.OutboundQueueCapacity is < 16 or > 65536 ? $"{nameof(OutboundQueueCapacity)} must be between 16 and 65536, but is {o.OutboundQueueCapacity}." : null,
        o => o.MaxInboundMessageBytes is < 1024 or > 16 * 1024 * 1024 ? $"{nameof(MaxInboundMessageBytes)} must be between 1024 and 16777216, but is {o.MaxInboundMessageBytes}." : null,
        o => o.InboundBurst < 1 ? $"{nameof(InboundBurst)} must be at least 1, but is {o.InboundBurst}." : null,
        o => o.InboundRatePerSecond <= 0 || double.IsNaN(o.InboundRatePerSecond) ? $"{nameof(InboundRatePerSecond)} must be positive, but is {o.InboundRatePerSecond}." : null,
        o => o.RateLimitWarningThreshold < 0 || o.RateLimitWarningThreshold >= o.InboundBurst ? $"{nameof(RateLimitWarningThreshold)} must be between 0 and {nameof(InboundBurst)} - 1 ({o.InboundBurst - 1}), but is {o.RateLimitWarningThreshold}." : null,
        o => o.RateLimitTolerance < 0 ? $"{nameof(RateLimitTolerance)} must not be negative, but is {o.RateLimitTolerance}." : null,
        o => o.KeepAliveInterval <= TimeSpan.Zero ? $"{nameof(KeepAliveInterval)} must be positive, but is {o.KeepAliveInterval}." : null,
        o => o.KeepAliveTimeout <= TimeSpan.Zero ? $"{nameof(KeepAliveTimeout)} must be positive, but is {o.KeepAliveTimeout}." : null,
        o => o.MaxConnectionsPerUser < 1 ? $"{nameof(MaxConnectionsPerUser)} must be at least 1, but is {o.MaxConnectionsPerUser}." : null,
        o => o.AllowedOrigins.FirstOrDefault(a => !Uri.TryCreate(a, UriKind.Absolute, out _)) is { } bad ? $"{nameof(AllowedOrigins)} holds '{bad}', which is not an absolute origin such as https://app.example.com." : null,
        o => o.AuthExpiryCloseDelay < TimeSpan.Zero || o.AuthExpiryCloseDelay > TimeSpan.FromSeconds(5) ? $"{nameof(AuthExpiryCloseDelay)} must be between 00:00:00 and 00:00:05, but is {o.AuthExpiryCloseDelay}." : null,
        o => o.ResumeWindow < TimeSpan.Zero || o.ResumeWindow > TimeSpan.FromSeconds(30) ? $"{nameof(ResumeWindow)} must be between 00:00:00 and 00:00:30, but is {o.ResumeWindow}." : null,
        o => o.ResumePageSize is < 1 or > 10_000 ? $"{nameof(ResumePageSize)} must be between 1 and 10000, but is {o.ResumePageSize}." : null,
        o => o.DrainRetryAfterMs is < 0 or > 600_000 ? $"{nameof(DrainRetryAfterMs)} must be between 0 and 600000, but is {o.DrainRetryAfterMs}." : null,
        o => o.DrainTimeout <= TimeSpan.Zero ? $"{nameof(DrainTimeout)} must be positive, but is {o.DrainTimeout}." : null,
        o => o.PresenceRenewalPeriod <= TimeSpan.Zero ? $"{nameof(PresenceRenewalPeriod)} must be positive, but is {o.PresenceRenewalPeriod}." : null,
    ];
}
