namespace OrleansRealtime.Grains.Platforms;

/// <summary>A transient platform failure: a 5xx answer, a network error or a timeout.</summary>
public sealed class PlatformUnavailableException : GamePlatformException
{
    public PlatformUnavailableException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status, when there was an answer.</summary>
    public int? StatusCode { get; }

    public override bool IsTransient => true;
}
