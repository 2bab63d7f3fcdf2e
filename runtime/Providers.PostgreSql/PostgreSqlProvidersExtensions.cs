using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Registers the PostgreSQL providers on a silo. Options bind from <c>Realtime:Storage:PostgreSql</c>, then
/// the optional <c>configure</c> callback runs, and they are validated when the host starts. Providers with
/// the same connection string share one <c>NpgsqlDataSource</c>.
/// </summary>
public static class PostgreSqlProvidersExtensions
{
    /// <summary>Adds a named grain storage in PostgreSQL (options named after the storage).</summary>
    public static ISiloBuilder AddPostgreSqlGrainStorage(this ISiloBuilder builder, string name = "Default", Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        AddOptions(builder, name, configure);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgreSqlGrainStorage(
            DataSource(sp, name),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PostgreSqlGrainStorage>>()));
        return builder;
    }

    /// <summary>Keeps reminders in PostgreSQL (the unnamed options).</summary>
    public static ISiloBuilder UsePostgreSqlReminderService(this ISiloBuilder builder, Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder, Options.DefaultName, configure);
        builder.Services.AddSingleton<IReminderTable>(sp => new PostgreSqlReminderTable(
            DataSource(sp, Options.DefaultName),
            sp.GetService<ILogger<PostgreSqlReminderTable>>()));
        return builder;
    }

    private static Npgsql.NpgsqlDataSource DataSource(IServiceProvider services, string optionsName) =>
        services.GetRequiredService<PostgreSqlDataSources>().Get(
            services.GetRequiredService<IOptionsMonitor<PostgreSqlStorageOptions>>().Get(optionsName).ConnectionString);

    private static void AddOptions(ISiloBuilder builder, string name, Action<PostgreSqlStorageOptions>? configure)
    {
        var options = builder.Services.AddOptions<PostgreSqlStorageOptions>(name)
            .Bind(builder.Configuration.GetSection(PostgreSqlStorageOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>());
        builder.Services.TryAddSingleton<PostgreSqlDataSources>();
    }
}
