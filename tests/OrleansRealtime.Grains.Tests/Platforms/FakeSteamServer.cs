using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.Tests.Platforms;

/// <summary>
/// A real Kestrel server on a free port that answers the two Steam Web API methods with canned JSON, checks
/// the key and Steam id like Steam does (403 otherwise), and lets a test intercept requests to answer 429/503.
/// </summary>
internal sealed class FakeSteamServer : IAsyncDisposable
{
    public const string SteamId = "76561197960287930";

    public static readonly DateTimeOffset WitcherPlayed = new(2024, 7, 20, 21, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset ProfessionalUnlocked = new(2024, 7, 20, 21, 15, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private FakeSteamServer(WebApplication app, string expectedKey)
    {
        _app = app;
        ExpectedKey = expectedKey;
    }

    public string BaseUrl => _app.Urls.First();

    /// <summary>Path and query of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public string ExpectedKey { get; set; }

    /// <summary>Answers a request instead of the canned data when it returns true.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    public static async Task<FakeSteamServer> StartAsync(string expectedKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSteamServer(app, expectedKey);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            if (context.Request.Query["key"] != server.ExpectedKey)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("<html><body><h1>Forbidden</h1>Access is denied. Retrying will not help. Please verify your <pre>key=</pre> parameter.</body></html>");
                return;
            }

            if (server.Intercept is { } intercept && await intercept(context))
            {
                return;
            }

            await next(context);
        });
        app.MapGet("/IPlayerService/GetOwnedGames/v1/", (HttpContext context) =>
            context.Request.Query["steamid"] == SteamId && context.Request.Query["include_appinfo"] == "1"
                ? Results.Text(OwnedGames, "application/json")
                : Results.Text("""{"response":{}}""", "application/json"));
        app.MapGet("/ISteamUserStats/GetPlayerAchievements/v1/", (HttpContext context) => context.Request.Query["appid"].ToString() switch
        {
            "292030" => Results.Text(WitcherAchievements, "application/json"),
            "1086940" => Results.Text("""{"playerstats":{"steamID":"76561197960287930","gameName":"Baldur's Gate 3","achievements":[{"apiname":"ACT1","achieved":0,"unlocktime":0}],"success":true}}""", "application/json"),
            _ => Results.Text("""{"playerstats":{"error":"Requested app has no stats","success":false}}""", "application/json", statusCode: 400),
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string OwnedGames => $$$"""
        {"response":{"game_count":3,"games":[
          {"appid":292030,"name":"The Witcher 3: Wild Hunt","playtime_forever":7680,"img_icon_url":"abc","playtime_windows_forever":7680,"rtime_last_played":{{{WitcherPlayed.ToUnixTimeSeconds()}}}},
          {"appid":1086940,"name":"Baldur's Gate 3","playtime_forever":0,"img_icon_url":"def","rtime_last_played":0},
          {"appid":620,"name":"Portal 2","playtime_forever":600,"img_icon_url":"ghi","rtime_last_played":1600000000}
        ]}}
        """;

    private static string WitcherAchievements => $$$"""
        {"playerstats":{"steamID":"76561197960287930","gameName":"The Witcher 3: Wild Hunt","achievements":[
          {"apiname":"ACH_PROFESSIONAL","achieved":1,"unlocktime":{{{ProfessionalUnlocked.ToUnixTimeSeconds()}}},"name":"Geralt: The Professional","description":"Complete 10 Witcher contracts"},
          {"apiname":"ACH_BREAKFAST","achieved":1,"unlocktime":1600000000,"name":"Breakfast in Bed","description":""},
          {"apiname":"ACH_LOCKED","achieved":0,"unlocktime":0,"name":"Not Yet","description":"Still locked"}
        ],"success":true}}
        """;
}
