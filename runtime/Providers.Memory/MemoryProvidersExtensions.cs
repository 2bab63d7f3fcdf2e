using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.Memory;

/// <summary>Registers the in-memory providers on a silo.</summary>
public static class MemoryProvidersExtensions
{
    /// <summary>Adds a named grain storage whose state lives as long as the silo's service provider.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = "Default") =>
        builder.AddMemoryGrainStorage(name, new MemoryGrainStorage());

    /// <summary>
    /// Adds a named grain storage backed by <paramref name="store"/>, which the caller owns: a test cluster
    /// passes the same instance to each silo it starts, so state survives silo restarts.
    /// </summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name, MemoryGrainStorage store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, store);
        return builder;
    }

    /// <summary>Uses a reminder table that lives as long as the silo's service provider.</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder builder) =>
        builder.UseInMemoryReminderService(new MemoryReminderTable());

    /// <summary>Uses <paramref name="table"/>, which the caller owns, so reminders survive silo restarts.</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder builder, MemoryReminderTable table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(table);
        builder.Services.AddSingleton<IReminderTable>(table);
        return builder;
    }

    /// <summary>
    /// Keeps the membership table in memory: the table of the silo's cluster (<c>Realtime:Silo:ClusterId</c>) in
    /// <paramref name="table"/>'s store, which the caller owns (a test cluster passes one instance to every silo),
    /// or in a new store living as long as the silo's service provider. The silo then joins that cluster (its
    /// membership agent: heartbeats, self-fencing, failure detection; timing from <c>Realtime:Clustering</c>).
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, MemoryMembershipTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var store = table ?? new MemoryMembershipTable();
        builder.Services.AddSingleton<IMembershipTable>(sp => store.ForCluster(sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId));
        return builder;
    }

    /// <summary>Keeps the grain directory in <paramref name="directory"/> (caller-owned, shared by silos), or in a new one.</summary>
    public static ISiloBuilder AddMemoryGrainDirectory(this ISiloBuilder builder, MemoryGrainDirectory? directory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IGrainDirectory>(directory ?? new MemoryGrainDirectory());
        return builder;
    }

    /// <summary>
    /// Keeps durable stream items in <paramref name="log"/> (caller-owned, shared by silos, so streams keep their
    /// epoch across silo restarts), or in a new one living as long as the silo's service provider.
    /// </summary>
    public static ISiloBuilder AddMemoryStreamLog(this ISiloBuilder builder, MemoryStreamLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IStreamLog>(log ?? new MemoryStreamLog());
        return builder;
    }
}
