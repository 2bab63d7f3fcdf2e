using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Registers the PostgreSQL providers on a silo. Options bind from their section (<c>Realtime:Storage:PostgreSql</c>,
/// <c>Realtime:Clustering:PostgreSql</c>, <c>Realtime:GrainDirectory:PostgreSql</c>), then the optional
/// <c>configure</c> callback runs, and they are validated when the host starts. Providers with the same
/// connection string share one <c>NpgsqlDataSource</c>.
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

    /// <summary>
    /// Keeps the membership table in PostgreSQL: the rows of the silo's cluster (<c>Realtime:Silo:ClusterId</c>).
    /// The connection string falls back to <c>Realtime:Storage:PostgreSql:ConnectionString</c> when
    /// <c>Realtime:Clustering:PostgreSql:ConnectionString</c> is empty. The silo then joins that cluster (its
    /// membership agent: heartbeats, self-fencing, failure detection; timing from <c>Realtime:Clustering</c>).
    /// </summary>
    public static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder builder, Action<PostgreSqlClusteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusterOptions(builder, PostgreSqlClusteringOptions.SectionName, configure, (o, fallback) => o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString) ? fallback : o.ConnectionString);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlClusteringOptions>, PostgreSqlClusteringOptionsValidator>());
        builder.Services.AddSingleton<IMembershipTable>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgreSqlClusteringOptions>>().Value;
            return new PostgreSqlMembershipTable(
                sp.GetRequiredService<PostgreSqlDataSources>().Get(options.ConnectionString),
                sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId,
                options.CommandTimeout,
                sp.GetService<ILogger<PostgreSqlMembershipTable>>());
        });
        return builder;
    }

    /// <summary>
    /// Keeps the grain directory in PostgreSQL: the entries of the silo's cluster (<c>Realtime:Silo:ClusterId</c>).
    /// The connection string falls back to <c>Realtime:Storage:PostgreSql:ConnectionString</c> when
    /// <c>Realtime:GrainDirectory:PostgreSql:ConnectionString</c> is empty.
    /// </summary>
    public static ISiloBuilder AddPostgreSqlGrainDirectory(this ISiloBuilder builder, Action<PostgreSqlGrainDirectoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusterOptions(builder, PostgreSqlGrainDirectoryOptions.SectionName, configure, (o, fallback) => o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString) ? fallback : o.ConnectionString);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlGrainDirectoryOptions>, PostgreSqlGrainDirectoryOptionsValidator>());
        builder.Services.AddSingleton<IGrainDirectory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgreSqlGrainDirectoryOptions>>().Value;
            return new PostgreSqlGrainDirectory(
                sp.GetRequiredService<PostgreSqlDataSources>().Get(options.ConnectionString),
                sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId,
                options.CommandTimeout,
                sp.GetService<ILogger<PostgreSqlGrainDirectory>>());
        });
        return builder;
    }

    /// <summary>
    /// Keeps the durable items of streams in PostgreSQL (<c>sql/postgresql/003_stream_log.sql</c>), so a stream
    /// keeps its epoch and history when it re-activates on another silo. The connection string falls back to
    /// <c>Realtime:Storage:PostgreSql:ConnectionString</c> when <c>Realtime:StreamLog:PostgreSql:ConnectionString</c> is empty.
    /// </summary>
    public static ISiloBuilder AddPostgreSqlStreamLog(this ISiloBuilder builder, Action<PostgreSqlStreamLogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClusterOptions(builder, PostgreSqlStreamLogOptions.SectionName, configure, (o, fallback) => o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString) ? fallback : o.ConnectionString);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStreamLogOptions>, PostgreSqlStreamLogOptionsValidator>());
        builder.Services.AddSingleton<IStreamLog>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgreSqlStreamLogOptions>>().Value;
            return new PostgreSqlStreamLog(
                sp.GetRequiredService<PostgreSqlDataSources>().Get(options.ConnectionString),
                options.CommandTimeout,
                sp.GetService<ILogger<PostgreSqlStreamLog>>());
        });
        return builder;
    }

    private static void AddClusterOptions<TOptions>(ISiloBuilder builder, string sectionName, Action<TOptions>? configure, Action<TOptions, string> fallBackTo)
        where TOptions : class
    {
        var options = builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(sectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // After binding and the callback, so an explicit connection string always wins over the storage one.
        options.PostConfigure(o => fallBackTo(o, builder.Configuration[$"{PostgreSqlStorageOptions.SectionName}:ConnectionString"] ?? string.Empty));
        options.ValidateOnStart();
        builder.Services.TryAddSingleton<PostgreSqlDataSources>();
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
