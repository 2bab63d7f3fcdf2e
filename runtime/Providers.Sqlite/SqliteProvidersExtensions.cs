using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Sqlite.Internal;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.Sqlite;

/// <summary>
/// Registers the SQLite providers on a silo. Options bind from <c>Realtime:Storage:Sqlite</c>, then the
/// optional <c>configure</c> callback runs, and they are validated when the host starts.
/// </summary>
public static class SqliteProvidersExtensions
{
    /// <summary>Adds a named grain storage in a SQLite file (options named after the storage).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name = "Default", Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        AddOptions(builder, name, configure);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new SqliteGrainStorage(
            sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SqliteGrainStorage>>()));
        return builder;
    }

    /// <summary>Keeps reminders in a SQLite file (the unnamed options).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder, Options.DefaultName, configure);
        builder.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(
            sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(Options.DefaultName),
            sp.GetService<ILogger<SqliteReminderTable>>()));
        return builder;
    }

    private static void AddOptions(ISiloBuilder builder, string name, Action<SqliteStorageOptions>? configure)
    {
        var options = builder.Services.AddOptions<SqliteStorageOptions>(name)
            .Bind(builder.Configuration.GetSection(SqliteStorageOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
    }
}
