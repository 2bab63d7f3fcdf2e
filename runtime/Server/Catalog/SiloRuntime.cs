using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Server.Reminders;
using OrleansRealtime.Server.Streams;

namespace OrleansRealtime.Server.Catalog;

/// <summary>The services every activation of this silo shares.</summary>
internal sealed partial class SiloRuntime(IServiceProvider services, RealtimeSerializer serializer, TimeProvider time, IOptions<GrainCollectionOptions> collection, ILogger<SiloRuntime> logger)
{
    private Catalog? _catalog;
    private GrainActivator? _activator;
    private Messaging.ClusterRouter? _cluster;
    private bool _clusterResolved;

    public IServiceProvider Services { get; } = services;

    public RealtimeSerializer Serializer { get; } = serializer;

    public TimeProvider Time { get; } = time;

    public GrainCollectionOptions Collection { get; } = collection.Value;

    public Catalog Catalog => _catalog ??= Services.GetRequiredService<Catalog>();

    /// <summary>The cluster's router when this silo is clustered (membership table and grain directory), otherwise null.</summary>
    public Messaging.ClusterRouter? Cluster
    {
        get
        {
            if (!_clusterResolved)
            {
                _cluster = Services.GetRequiredService<Hosting.ClusteringMode>().Enabled ? Services.GetRequiredService<Messaging.ClusterRouter>() : null;
                _clusterResolved = true;
            }

            return _cluster;
        }
    }

    public GrainActivator Activator => _activator ??= Services.GetRequiredService<GrainActivator>();

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public ReminderService Reminders => Services.GetRequiredService<ReminderService>();

    public ImplicitStreamSubscriberTable ImplicitSubscriptions => Services.GetRequiredService<ImplicitStreamSubscriberTable>();

    public void LogActivationFailed(Exception exception, GrainId grainId) => LogActivationFailedCore(logger, exception, grainId.ToString());

    public void LogDeactivationFailed(Exception exception, GrainId grainId) => LogDeactivationFailedCore(logger, exception, grainId.ToString());

    public void LogDeactivatingAfterConflict(Exception exception, GrainId grainId) => LogDeactivatingAfterConflictCore(logger, exception, grainId.ToString());

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Deactivating {GrainId}: an etag conflict of its state escaped a call; the next call re-reads it")]
    private static partial void LogDeactivatingAfterConflictCore(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; the next call will try again")]
    private static partial void LogActivationFailedCore(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed; the activation is removed anyway")]
    private static partial void LogDeactivationFailedCore(ILogger logger, Exception exception, string grainId);
}
