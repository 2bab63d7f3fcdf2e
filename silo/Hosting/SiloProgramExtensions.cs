using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Grains.Hosting;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Silo.Hosting;

/// <summary>How the silo process composes the runtime: storage from configuration, the domain grains, and the co-hosted gateway (HTTP API) on :8000.</summary>
public static partial class SiloProgramExtensions
{
    public const string DefaultUrl = "http://localhost:8000";

    public static WebApplicationBuilder ConfigureRealtimeSilo(this WebApplicationBuilder builder)
    {
        // The documents point clients at localhost:8000; --urls or ASPNETCORE_URLS still override it.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.UseSilo(silo =>
        {
            switch (storage.Provider.ToLowerInvariant())
            {
                case "sqlite":
                    silo.AddSqliteGrainStorage("Default");
                    silo.UseSqliteReminderService();
                    break;
                case "postgresql":
                    silo.AddPostgreSqlGrainStorage("Default");
                    silo.UsePostgreSqlReminderService();

                    // A silo on PostgreSQL writes itself into the cluster's membership table (heartbeat,
                    // self-fencing, failure detection) and keeps the grain directory, which also lists the
                    // cluster status at /cluster. Placement across silos lands with the cluster transport.
                    silo.UsePostgreSqlClustering();
                    silo.AddPostgreSqlGrainDirectory();
                    silo.AddPostgreSqlStreamLog();
                    break;
                case "memory":
                    silo.AddMemoryGrainStorage("Default");
                    silo.UseInMemoryReminderService();
                    break;
                default:
                    throw new InvalidOperationException(
                        $"{StorageOptions.SectionName}:Provider must be Sqlite, PostgreSql or Memory, but is '{storage.Provider}'.");
            }

            silo.AddRealtimeGrains();
        });

        // Co-hosted gateway: it calls grains through this silo's IGrainFactory.
        builder.Services.AddRealtimeGateway(builder.Configuration);
        return builder;
    }

    /// <summary>Logs the addresses Kestrel bound, once it has bound them.</summary>
    public static WebApplication LogListeningAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var storage = app.Configuration[$"{StorageOptions.SectionName}:Provider"] ?? "Sqlite";
            LogListening(app.Logger, string.Join(", ", addresses), storage);
            if (app.Environment.IsDevelopment())
            {
                LogDevelopmentToken(app.Logger);
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "OrleansRealtime silo listening on {Addresses} (storage: {Storage}); health at /healthz")]
    private static partial void LogListening(ILogger logger, string addresses, string storage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Development: mint a token with 'dotnet run --project silo -- token --sub alice' (add --role admin for /api/system), then connect to ws://localhost:8000/ws?token=<token> or call the API with it; see docs/auth.md and docs/protocol.md")]
    private static partial void LogDevelopmentToken(ILogger logger);
}
