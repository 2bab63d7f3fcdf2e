using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Client.Runtime;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Directory;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.Server.Messaging;
using OrleansRealtime.Server.Persistence;
using OrleansRealtime.Server.Placement;
using OrleansRealtime.Server.Reminders;
using OrleansRealtime.Server.Streams;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Adds a silo to a generic host, like Orleans' <c>UseOrleans</c>. Options bind from <c>Realtime:*</c>
/// and are validated at start. The silo's <see cref="IGrainFactory"/> is also registered, so code in the
/// same process (a co-hosted gateway) calls grains directly, and <see cref="IClusterConnection"/> lets an
/// in-process <see cref="ClusterClient"/> connect. When the silo builder registers an <see cref="IMembershipTable"/>
/// (<c>UseInMemoryClustering</c>, <c>UsePostgreSqlClustering</c>), the silo joins that cluster through its
/// membership agent (timing from <c>Realtime:Clustering</c>, address from <c>Realtime:Endpoints</c>), and
/// <see cref="IClusterMembership"/> shows the cluster; without one it runs alone and that view stays empty.
/// </summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        builder.Services.AddSilo(builder.Configuration, configure);
        return builder;
    }

    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder>? configure = null)
    {
        AddOptions(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<GrainTypeOptions>(o =>
        {
            o.Classes.Add(typeof(StreamRendezvousGrain));
            o.Classes.Add(typeof(Management.SiloControlGrain));
        });

        services.AddSingleton<GrainTypeManifest>();
        services.AddSingleton<IGrainTypeResolver>(sp => sp.GetRequiredService<GrainTypeManifest>());
        services.AddSingleton<ImplicitStreamSubscriberTable>();
        services.AddSingleton<RealtimeSerializer>();
        services.AddSingleton(sp => new ObserverRegistry("silo-" + Guid.NewGuid().ToString("N"), sp.GetRequiredService<RealtimeSerializer>));
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<IGrainReferenceFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<SiloMessageCenter>();
        services.AddSingleton<IMessageSink>(sp => sp.GetRequiredService<SiloMessageCenter>());
        services.AddSingleton<IGrainCallInvoker, GrainCallInvoker>();
        services.AddSingleton<IClusterConnection, LocalClusterConnection>();
        services.AddSingleton<StorageResolver>();
        services.AddSingleton<GrainActivator>();
        services.AddSingleton<SiloRuntime>();
        services.AddSingleton<Catalog.Catalog>();
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<SiloLease>();
        services.AddSingleton<ClusterMembershipView>();
        services.AddSingleton<IClusterMembership>(sp => sp.GetRequiredService<ClusterMembershipView>());
        services.AddSingleton(sp => new MembershipAgent(
            sp.GetRequiredService<IMembershipTable>(),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ClusterMembershipOptions>>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<IOptions<EndpointOptions>>(),
            sp.GetRequiredService<SiloLease>(),
            sp.GetRequiredService<ClusterMembershipView>(),
            sp.GetRequiredService<ILogger<MembershipAgent>>()));
        services.AddSingleton(sp => new ClusteringMode(
            sp.GetService<IMembershipTable>() is not null
            && sp.GetService<IGrainDirectory>() is not null
            && sp.GetRequiredService<IOptions<EndpointOptions>>().Value.ListenForConnections));
        services.AddSingleton<PlacementDirector>();
        services.AddSingleton<GrainLocator>();
        services.AddSingleton<SiloConnectionPool>();
        services.AddSingleton<SiloInboundHandler>();
        services.AddSingleton<ClusterConnectionAcceptor>();
        services.AddSingleton<ClusterRouter>();
        services.AddSingleton<SiloTransport>();
        services.AddSingleton<MembershipGossip>();
        services.AddSingleton(sp => new Silo(
            sp.GetRequiredService<Catalog.Catalog>(),
            sp.GetRequiredService<ActivationCollector>(),
            sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<SiloMessageCenter>(),
            sp.GetRequiredService<ObserverRegistry>(),
            sp.GetService<IMembershipTable>() is null ? null : sp.GetRequiredService<MembershipAgent>(),
            sp.GetRequiredService<ClusteringMode>().Enabled ? sp.GetRequiredService<SiloTransport>() : null,
            sp.GetRequiredService<ClusteringMode>().Enabled ? sp.GetRequiredService<ClusterRouter>() : null,
            sp.GetRequiredService<ClusteringMode>().Enabled ? sp.GetRequiredService<MembershipGossip>() : null,
            sp.GetRequiredService<IOptions<GrainCollectionOptions>>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<ILogger<Silo>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());

        configure?.Invoke(new SiloBuilder(services, configuration));
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SiloOptions>(configuration, SiloOptions.SectionName,
            o => string.IsNullOrWhiteSpace(o.SiloName) ? $"SiloName must not be empty, but is '{o.SiloName}'." : null,
            o => string.IsNullOrWhiteSpace(o.ClusterId) ? $"ClusterId must not be empty, but is '{o.ClusterId}'." : null);
        services.AddValidatedOptions<EndpointOptions>(configuration, EndpointOptions.SectionName,
            EndpointOptions.ValidateAddress, EndpointOptions.ValidateSiloPort, EndpointOptions.ValidateGatewayPort);
        services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(ClusterMembershipOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>();
        services.AddValidatedOptions<PlacementOptions>(configuration, PlacementOptions.SectionName, PlacementOptions.Validate);
        services.AddValidatedOptions<TransportOptions>(configuration, TransportOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.SectionName,
            o => OptionsRegistration.Positive(MessagingOptions.SectionName, nameof(o.ResponseTimeout), o.ResponseTimeout, allowInfinite: true),
            o => o.MaxForwardCount < 0 ? $"MaxForwardCount must be zero or more, but is {o.MaxForwardCount}." : null);
        services.AddValidatedOptions<GrainCollectionOptions>(configuration, GrainCollectionOptions.SectionName,
            o => OptionsRegistration.Positive(GrainCollectionOptions.SectionName, nameof(o.CollectionQuantum), o.CollectionQuantum),
            o => o.CollectionAge <= o.CollectionQuantum ? $"CollectionAge ({o.CollectionAge}) must be greater than CollectionQuantum ({o.CollectionQuantum})." : null,
            o => o.ClassSpecificCollectionAge.Where(kv => kv.Value <= o.CollectionQuantum)
                .Select(kv => $"ClassSpecificCollectionAge:{kv.Key} ({kv.Value}) must be greater than CollectionQuantum ({o.CollectionQuantum}).")
                .FirstOrDefault(),
            o => OptionsRegistration.Positive(GrainCollectionOptions.SectionName, nameof(o.ActivationTimeout), o.ActivationTimeout),
            o => OptionsRegistration.Positive(GrainCollectionOptions.SectionName, nameof(o.DeactivationTimeout), o.DeactivationTimeout),
            o => OptionsRegistration.Positive(GrainCollectionOptions.SectionName, nameof(o.ShutdownTimeout), o.ShutdownTimeout));
        services.AddValidatedOptions<ReminderOptions>(configuration, ReminderOptions.SectionName,
            o => OptionsRegistration.Positive(ReminderOptions.SectionName, nameof(o.MinimumReminderPeriod), o.MinimumReminderPeriod),
            o => OptionsRegistration.Positive(ReminderOptions.SectionName, nameof(o.RefreshPeriod), o.RefreshPeriod));
        services.AddValidatedOptions<StreamOptions>(configuration, StreamOptions.SectionName,
            o => o.HistoryCapacity is < 0 or > StreamOptions.MaxHistoryCapacity
                ? $"HistoryCapacity must be between 0 and {StreamOptions.MaxHistoryCapacity}, but is {o.HistoryCapacity}."
                : null,
            o => OptionsRegistration.Positive(StreamOptions.SectionName, nameof(o.HistoryMaxAge), o.HistoryMaxAge, allowInfinite: true),
            o => o.DeduplicationCapacity is < 0 or > StreamOptions.MaxHistoryCapacity
                ? $"DeduplicationCapacity must be between 0 and {StreamOptions.MaxHistoryCapacity}, but is {o.DeduplicationCapacity}."
                : null,
            o => OptionsRegistration.Positive(StreamOptions.SectionName, nameof(o.LogRetention), o.LogRetention, allowInfinite: true),
            o => o.LogCapacity < 0 ? $"LogCapacity must be zero or more, but is {o.LogCapacity}." : null,
            o => o.LogBatchSize < 1 ? $"LogBatchSize must be at least 1, but is {o.LogBatchSize}." : null,
            o => o.LogSequenceReservation < 0 ? $"LogSequenceReservation must be zero or more, but is {o.LogSequenceReservation}." : null,
            o => o.ClientConfirmationInterval < TimeSpan.Zero
                ? $"{StreamOptions.SectionName}:ClientConfirmationInterval must be zero or a positive duration, but is {o.ClientConfirmationInterval}."
                : null);
    }
}
