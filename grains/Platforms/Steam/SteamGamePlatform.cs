using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Platforms.Steam;

/// <summary>
/// The Steam Web API: <c>IPlayerService/GetOwnedGames/v1</c> (with app info) for the list and
/// <c>ISteamUserStats/GetPlayerAchievements/v1</c> per game. 429 becomes <see cref="PlatformRateLimitedException"/>
/// (Retry-After honoured), 401/403 <see cref="PlatformAuthenticationException"/>, 5xx, network errors and
/// timeouts <see cref="PlatformUnavailableException"/>. The API key travels in the query string, so neither
/// urls nor the key are ever logged or put in an exception message; the named HttpClient has its logging removed.
/// Steam's list has no genres, developer or metacritic: those stay unknown (a sync never clears them).
/// </summary>
public sealed partial class SteamGamePlatform(
    IHttpClientFactory httpClients,
    IOptions<SteamPlatformOptions> options,
    TimeProvider time,
    ILogger<SteamGamePlatform> logger) : IGamePlatform
{
    public const string PlatformName = "steam";

    public const string HttpClientName = "steam";

    private const string OwnedGamesMethod = "GetOwnedGames";

    private const string AchievementsMethod = "GetPlayerAchievements";

    public string Name => PlatformName;

    public string DisplayName => "Steam";

    private SteamPlatformOptions Options => options.Value;

    public TimeSpan EstimatedTimePerGame(PlatformSyncContext context) => Options.EstimatedTimePerGame;

    public string? CheckAvailable(PlatformSyncContext context)
    {
        if (!Options.Enabled || string.IsNullOrEmpty(Options.ApiKey))
        {
            return $"The Steam platform is not enabled ({SteamPlatformOptions.SectionName}:Enabled and ApiKey).";
        }

        return SteamId(context) is null
            ? $"No Steam id is configured for library '{context.LibraryId}' or user '{context.OwnerUserId}' ({SteamPlatformOptions.SectionName}:SteamIds)."
            : null;
    }

    public async Task<IReadOnlyList<OwnedGame>> GetOwnedGamesAsync(PlatformSyncContext context, CancellationToken cancellationToken)
    {
        var query = $"IPlayerService/GetOwnedGames/v1/?key={Key()}&steamid={Uri.EscapeDataString(RequireSteamId(context))}&include_appinfo=1&include_played_free_games=1&format=json";
        using var document = await GetJsonAsync(OwnedGamesMethod, query, allowNoStats: false, cancellationToken);
        if (document is null || !document.RootElement.TryGetProperty("response", out var response)
            || !response.TryGetProperty("games", out var games) || games.ValueKind != JsonValueKind.Array)
        {
            // Steam answers an empty response for a private profile: there is nothing we may read.
            LogNoGames(logger, context.LibraryId);
            return [];
        }

        var result = new List<OwnedGame>(games.GetArrayLength());
        foreach (var game in games.EnumerateArray())
        {
            if (!game.TryGetProperty("appid", out var appId) || !appId.TryGetInt64(out var id))
            {
                continue;
            }

            var appIdText = id.ToString(CultureInfo.InvariantCulture);
            var lastPlayed = Long(game, "rtime_last_played") is > 0 and var seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
            result.Add(new OwnedGame(
                appIdText,
                String(game, "name") ?? $"App {appIdText}",
                Long(game, "playtime_forever") ?? 0,
                lastPlayed,
                Options.CoverImageUrlTemplate.Replace("{appid}", appIdText, StringComparison.Ordinal)));
        }

        return result;
    }

    public async Task<PlatformGame> GetGameAsync(PlatformSyncContext context, OwnedGame game, int attempt, CancellationToken cancellationToken)
    {
        var query = $"ISteamUserStats/GetPlayerAchievements/v1/?key={Key()}&steamid={Uri.EscapeDataString(RequireSteamId(context))}&appid={Uri.EscapeDataString(game.PlatformGameId)}&l=english";
        using var document = await GetJsonAsync(AchievementsMethod, query, allowNoStats: true, cancellationToken);
        var achievements = new List<Achievement>();
        if (document is not null
            && document.RootElement.TryGetProperty("playerstats", out var stats)
            && stats.TryGetProperty("achievements", out var list)
            && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (Long(entry, "achieved") != 1 || String(entry, "apiname") is not { Length: > 0 } apiName)
                {
                    continue;
                }

                var unlockTime = Long(entry, "unlocktime") is > 0 and var t ? DateTimeOffset.FromUnixTimeSeconds(t) : game.LastPlayedAt ?? time.GetUtcNow();
                achievements.Add(new Achievement
                {
                    AchievementId = apiName,
                    Title = String(entry, "name") is { Length: > 0 } name ? name : apiName,
                    Description = String(entry, "description"),
                    UnlockedAt = unlockTime,
                });
            }
        }

        return new PlatformGame
        {
            PlatformGameId = game.PlatformGameId,
            Title = game.Title,
            CoverImageUrl = game.CoverImageUrl,
            TotalPlaytimeMinutes = game.TotalPlaytimeMinutes,
            LastPlayedAt = game.LastPlayedAt,
            Achievements = achievements,
        };
    }

    private async Task<JsonDocument?> GetJsonAsync(string method, string relativeUrl, bool allowNoStats, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(relativeUrl, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw RateLimited(response, method);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogRejected(logger, method, status);
                throw new PlatformAuthenticationException(
                    $"Steam API rejected the request with {status} {response.ReasonPhrase}: check the API key and that the profile's game details are public");
            }

            // GetPlayerAchievements answers 400 "Requested app has no stats" for games without achievements.
            if (allowNoStats && response.StatusCode == HttpStatusCode.BadRequest)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, method, status);
                throw new PlatformUnavailableException($"Steam API returned {status} {response.ReasonPhrase ?? "error"}", status);
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            return await JsonDocument.ParseAsync(body, cancellationToken: linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, method, Options.RequestTimeout);
            throw new PlatformUnavailableException($"Steam API did not answer within {Options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            // The exception's message may name the host but never the query; log only its type.
            LogUnreachable(logger, method, ex.GetType().Name);
            throw new PlatformUnavailableException("Steam API could not be reached");
        }
        catch (JsonException)
        {
            LogFailed(logger, method, 200);
            throw new PlatformUnavailableException("Steam API returned a response that is not valid JSON");
        }
    }

    private PlatformRateLimitedException RateLimited(HttpResponseMessage response, string method)
    {
        var now = time.GetUtcNow();
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } when delta > TimeSpan.Zero => delta,
            { Date: { } date } when date > now => date - now,
            _ => Options.DefaultRetryAfter,
        };
        var remaining = Header(response, "X-RateLimit-Remaining") is { } r && int.TryParse(r, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : 0;
        var reset = Header(response, "X-RateLimit-Reset") is { } s && long.TryParse(s, CultureInfo.InvariantCulture, out var epoch) && epoch > 0
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : now + retryAfter;
        LogRateLimited(logger, method, retryAfter);
        return new PlatformRateLimitedException($"Steam API rate limit reached (429 Too Many Requests)", retryAfter, remaining, reset);
    }

    private string Key() => Uri.EscapeDataString(Options.ApiKey ?? throw new PlatformNotConfiguredException("The Steam platform has no API key."));

    private string RequireSteamId(PlatformSyncContext context) =>
        SteamId(context) ?? throw new PlatformNotConfiguredException($"No Steam id is configured for library '{context.LibraryId}'.");

    private string? SteamId(PlatformSyncContext context) =>
        Options.SteamIds.GetValueOrDefault(context.LibraryId) ?? Options.SteamIds.GetValueOrDefault(context.OwnerUserId);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
