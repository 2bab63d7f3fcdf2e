namespace OrleansRealtime.Grains.Sync;

/// <summary>The <c>error_code</c> values of <c>sync_failed</c> (upper case, as document 003 shows them).</summary>
public static class SyncErrorCodes
{
    /// <summary>The platform kept failing (5xx, network, timeout) after the retries; retrying later can help.</summary>
    public const string PlatformApiError = "PLATFORM_API_ERROR";

    /// <summary>The platform rejected the credentials or the profile is private; fix the configuration first.</summary>
    public const string PlatformAuthError = "PLATFORM_AUTH_ERROR";

    /// <summary>The platform was disabled or lost its account mapping while the operation waited.</summary>
    public const string PlatformNotConfigured = "PLATFORM_NOT_CONFIGURED";

    /// <summary>The library could not take the games (it is gone, or kept failing).</summary>
    public const string LibraryUnavailable = "LIBRARY_UNAVAILABLE";

    /// <summary>The operation was cancelled by a caller.</summary>
    public const string Cancelled = "SYNC_CANCELLED";
}
