namespace OrleansRealtime.Grains.Platforms;

/// <summary>The platform rejected our credentials or the account is private (HTTP 401/403): retrying does not help.</summary>
public sealed class PlatformAuthenticationException : GamePlatformException
{
    public PlatformAuthenticationException(string message)
        : base(message)
    {
    }

    public override bool IsTransient => false;
}
