namespace OrleansRealtime.Grains.Platforms;

/// <summary>The platform asked us to slow down (HTTP 429): wait <see cref="RetryAfter"/>, then resume.</summary>
public sealed class PlatformRateLimitedException : GamePlatformException
{
    public PlatformRateLimitedException(string message, TimeSpan retryAfter, int requestsRemaining, DateTimeOffset windowResetAt)
        : base(message)
    {
        RetryAfter = retryAfter;
        RequestsRemaining = requestsRemaining;
        WindowResetAt = windowResetAt;
    }

    public TimeSpan RetryAfter { get; }

    public int RequestsRemaining { get; }

    public DateTimeOffset WindowResetAt { get; }

    public override bool IsTransient => true;
}
