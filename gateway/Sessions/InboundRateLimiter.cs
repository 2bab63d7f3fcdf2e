namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// A token bucket per socket: <see cref="RealtimeGatewayOptions.InboundBurst"/> tokens, refilled at
/// <see cref="RealtimeGatewayOptions.InboundRatePerSecond"/>. Each inbound message takes one. Used only by
/// the socket's receive loop, so it needs no lock.
/// </summary>
internal sealed class InboundRateLimiter(RealtimeGatewayOptions options, TimeProvider time)
{
    private double _tokens = options.InboundBurst;
    private long _stamp = time.GetTimestamp();
    private bool _warned;
    private int _refused;

    /// <summary>What the socket should do with one inbound message.</summary>
    public RateDecision Take()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(options.InboundBurst, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * options.InboundRatePerSecond));
        _stamp = now;
        if (_tokens < 1)
        {
            _refused++;
            return _refused > options.RateLimitTolerance ? RateDecision.Close : RateDecision.Refuse;
        }

        _tokens--;
        if (Remaining > options.RateLimitWarningThreshold)
        {
            // Re-arm the warning once the client backed off.
            _warned = false;
            _refused = 0;
            return RateDecision.Accept;
        }

        if (_warned)
        {
            return RateDecision.Accept;
        }

        _warned = true;
        return RateDecision.AcceptWithWarning;
    }

    public int Remaining => (int)Math.Floor(_tokens);

    /// <summary>Seconds until the bucket is full again.</summary>
    public int SecondsToFull => (int)Math.Ceiling((options.InboundBurst - _tokens) / options.InboundRatePerSecond);
}
