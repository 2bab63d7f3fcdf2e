namespace OrleansRealtime.Gateway.Hosting;

/// <summary>Edge limits of the HTTP API, bound from <c>Realtime:Api</c> and validated at start.</summary>
public sealed class RealtimeApiOptions
{
    public const string SectionName = "Realtime:Api";

    /// <summary>
    /// Largest request body under <c>/api</c> (default 64 KiB, 1 KiB..1 MiB); larger ones get 413
    /// <c>payload_too_large</c> before any JSON is parsed or any grain is called.
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    internal static IEnumerable<Func<RealtimeApiOptions, string?>> Rules() =>
    [
        o => o.MaxRequestBodyBytes is < 1024 or > 1024 * 1024
            ? $"{nameof(MaxRequestBodyBytes)} must be between 1024 and 1048576, but is {o.MaxRequestBodyBytes}."
            : null,
    ];
}
