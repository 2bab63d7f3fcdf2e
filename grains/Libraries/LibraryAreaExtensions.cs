using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;
using OrleansRealtime.Grains.Platforms.Steam;
using OrleansRealtime.Grains.Sync;
using OrleansRealtime.Server.Reminders;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>Services and options of the Library area: sync options, the game platforms and their registry.</summary>
public static class LibraryAreaExtensions
{
    public static ISiloBuilder AddLibraryArea(this ISiloBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        const string sync = SyncOptions.SectionName;
        services.AddValidatedOptions<SyncOptions>(configuration, sync,
            o => OptionsRegistration.Positive(sync, nameof(o.ProgressInterval), o.ProgressInterval),
            o => o.CheckpointEveryGames is >= 1 and <= 500 ? null : $"{sync}:CheckpointEveryGames must be 1..500, but is {o.CheckpointEveryGames}.",
            o => OptionsRegistration.Positive(sync, nameof(o.WatchdogPeriod), o.WatchdogPeriod),
            o => o.WatchdogPeriod >= MinimumReminderPeriod(configuration) ? null
                : $"{sync}:WatchdogPeriod must not be below {ReminderOptions.SectionName}:MinimumReminderPeriod ({MinimumReminderPeriod(configuration)}), but is {o.WatchdogPeriod}.",
            o => o.MaxTransientRetries is >= 0 and <= 10 ? null : $"{sync}:MaxTransientRetries must be 0..10, but is {o.MaxTransientRetries}.",
            o => o.TransientRetryDelay >= TimeSpan.Zero && o.TransientRetryDelay <= TimeSpan.FromMinutes(10) ? null : $"{sync}:TransientRetryDelay must be 0..10 minutes, but is {o.TransientRetryDelay}.",
            o => OptionsRegistration.Positive(sync, nameof(o.FailedRetryAfter), o.FailedRetryAfter),
            o => o.SummaryMaxGames is >= 0 and <= 1000 ? null : $"{sync}:SummaryMaxGames must be 0..1000, but is {o.SummaryMaxGames}.");

        const string demo = DemoPlatformOptions.SectionName;
        services.AddValidatedOptions<DemoPlatformOptions>(configuration, demo,
            o => o.CatalogSize is >= 0 and <= DemoSettings.MaxCatalogSize ? null : $"{demo}:CatalogSize must be 0..{DemoSettings.MaxCatalogSize}, but is {o.CatalogSize}.",
            o => o.PerGameDelay >= TimeSpan.Zero && o.PerGameDelay <= DemoSettings.MaxPerGameDelay ? null : $"{demo}:PerGameDelay must be 0..1 minute, but is {o.PerGameDelay}.",
            o => o.FailAtGame is null or >= 1 ? null : $"{demo}:FailAtGame must be 1 or more, but is {o.FailAtGame}.",
            o => o.FailTimes is null or >= 1 ? null : $"{demo}:FailTimes must be 1 or more, but is {o.FailTimes}.",
            o => o.RateLimitAtGame is null or >= 1 ? null : $"{demo}:RateLimitAtGame must be 1 or more, but is {o.RateLimitAtGame}.",
            o => o.RetryAfter >= TimeSpan.FromSeconds(1) && o.RetryAfter <= DemoSettings.MaxRetryAfter ? null : $"{demo}:RetryAfter must be 1 second..1 day, but is {o.RetryAfter}.");

        const string steam = SteamPlatformOptions.SectionName;
        services.AddValidatedOptions<SteamPlatformOptions>(configuration, steam,
            o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ApiKey) ? null : $"{steam}:ApiKey is required when {steam}:Enabled is true.",
            o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? null : $"{steam}:BaseUrl must be an absolute http(s) url, but is '{o.BaseUrl}'.",
            o => o.RequestTimeout >= TimeSpan.FromSeconds(1) && o.RequestTimeout <= TimeSpan.FromMinutes(5) ? null : $"{steam}:RequestTimeout must be 1 second..5 minutes, but is {o.RequestTimeout}.",
            o => o.DefaultRetryAfter >= TimeSpan.FromSeconds(1) && o.DefaultRetryAfter <= TimeSpan.FromDays(1) ? null : $"{steam}:DefaultRetryAfter must be 1 second..1 day, but is {o.DefaultRetryAfter}.",
            o => o.EstimatedTimePerGame >= TimeSpan.Zero ? null : $"{steam}:EstimatedTimePerGame must not be negative, but is {o.EstimatedTimePerGame}.",
            o => o.CoverImageUrlTemplate.Contains("{appid}", StringComparison.Ordinal) ? null : $"{steam}:CoverImageUrlTemplate must contain {{appid}}, but is '{o.CoverImageUrlTemplate}'.");

        // The request url carries the API key, so the client's default request logging is removed.
        services.AddHttpClient(SteamGamePlatform.HttpClientName, (sp, client) =>
        {
            var baseUrl = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SteamPlatformOptions>>().Value.BaseUrl;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = Timeout.InfiniteTimeSpan;
        }).RemoveAllLoggers();

        services.AddSingleton<DemoGamePlatform>();
        services.AddSingleton<IGamePlatform>(sp => sp.GetRequiredService<DemoGamePlatform>());
        services.AddSingleton<SteamGamePlatform>();
        services.AddSingleton<IGamePlatform>(sp => sp.GetRequiredService<SteamGamePlatform>());
        services.AddSingleton<GamePlatformRegistry>();
        return builder;
    }

    // The watchdog is a reminder: a period the reminder service refuses would fail every sync start.
    private static TimeSpan MinimumReminderPeriod(IConfiguration configuration) =>
        configuration.GetSection(ReminderOptions.SectionName).GetValue<TimeSpan?>(nameof(ReminderOptions.MinimumReminderPeriod))
            ?? new ReminderOptions().MinimumReminderPeriod;
}
