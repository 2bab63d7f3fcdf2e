namespace OrleansRealtime.Grains.Platforms;

/// <summary>
/// A platform refused or failed a request. Messages are written for users (they end up in
/// <c>sync_failed.error_message</c>) and never contain credentials or request urls.
/// </summary>
public abstract class GamePlatformException : Exception
{
    protected GamePlatformException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Whether running the same sync again later can succeed.</summary>
    public abstract bool IsTransient { get; }
}
