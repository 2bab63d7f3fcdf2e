namespace OrleansRealtime.Grains.Platforms.Steam;

/// <summary>The Steam Web API platform, bound from <c>Realtime:Platforms:Steam</c>. Off unless enabled with an API key.</summary>
public sealed class SteamPlatformOptions
{
    public const string SectionName = "Realtime:Platforms:Steam";

    /// <summary>Whether libraries may sync from <c>steam</c>. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Steam Web API key; required when enabled. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base url. Default <c>https://api.steampowered.com</c>; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api.steampowered.com";

    /// <summary>
    /// The 64-bit Steam id to read, per library id or per owner user id (the library id wins). A library with
    /// neither cannot sync from Steam (<c>platform_not_configured</c>). Default empty.
    /// </summary>
    public Dictionary<string, string> SteamIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long one API request may take before it counts as a platform error, 1 s..5 min. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait after a 429 without a usable Retry-After header, 1 s..1 day. Default 60 s.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Expected time per game (one achievements request), for the duration estimate. Default 1 s.</summary>
    public TimeSpan EstimatedTimePerGame { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cover image url of an app; <c>{appid}</c> is replaced. Default Steam's store header image.</summary>
    public string CoverImageUrlTemplate { get; set; } = "https://cdn.akamai.steamstatic.com/steam/apps/{appid}/header.jpg";
}
