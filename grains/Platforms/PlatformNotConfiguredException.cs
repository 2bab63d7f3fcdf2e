namespace OrleansRealtime.Grains.Platforms;

/// <summary>The platform is disabled or has no account for this library.</summary>
public sealed class PlatformNotConfiguredException : GamePlatformException
{
    public PlatformNotConfiguredException(string message)
        : base(message)
    {
    }

    public override bool IsTransient => false;
}
