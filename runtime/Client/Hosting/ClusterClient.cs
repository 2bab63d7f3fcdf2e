using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Client.Runtime;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// A client runtime of its own (serializer, invoker, observers, stream leases) over an
/// <see cref="IClusterConnection"/>. Calls to its own observers stay local; everything else goes to the
/// cluster. Disposing releases stream subscriptions and detaches the observers.
/// </summary>
public sealed class ClusterClient : IClusterClient
{
    private readonly ServiceProvider _services;
    private readonly IClusterConnection _connection;
    private readonly GrainFactory _factory;
    private readonly ClientStreamSubscriber _streams;
    private readonly ObserverRegistry _observers;
    private int _disposed;

    private ClusterClient(IClusterConnection connection, TimeProvider time, Action<IServiceCollection>? configure)
    {
        _connection = connection;
        ClientId = "client-" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<MessagingOptions>();
        services.AddOptions<ClientStreamOptions>();
        services.AddSingleton(time);
        services.AddSingleton(connection.TypeResolver);
        services.AddSingleton(sp => new ObserverRegistry(ClientId, sp.GetRequiredService<RealtimeSerializer>));
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<IGrainReferenceFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<RealtimeSerializer>();
        services.AddSingleton<IMessageSink>(sp => new ClientOutbound(ClientId, sp.GetRequiredService<ObserverRegistry>(), connection.Outbound));
        services.AddSingleton<Abstractions.Invocation.IGrainCallInvoker, GrainCallInvoker>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();

        ValidateOptions(_services);
        _factory = _services.GetRequiredService<GrainFactory>();
        _observers = _services.GetRequiredService<ObserverRegistry>();
        var serializer = _services.GetRequiredService<RealtimeSerializer>();
        var consumers = new StreamConsumerTable(serializer, unknownSubscriptionIsGone: true);
        var consumerId = _observers.Register(consumers);
        _streams = ActivatorUtilities.CreateInstance<ClientStreamSubscriber>(_services, consumerId, consumers, (IGrainFactory)_factory);
        connection.Attach(ClientId, _observers);
        if (connection is TcpClusterConnection tcp)
        {
            tcp.Bind(() => serializer);

            // Orleans leaves re-subscribing after a reconnect to the application; here the client does it: every
            // lease is renewed at once, and a subscription the rendezvous dropped meanwhile is registered again.
            tcp.Reconnected += () => _ = ResubscribeAsync();
        }
    }

    public string ClientId { get; }

    /// <summary>Connects a client. <paramref name="configure"/> may override options (for example <see cref="MessagingOptions"/>).</summary>
    public static ClusterClient Connect(IClusterConnection connection, TimeProvider? time = null, Action<IServiceCollection>? configure = null) =>
        new(connection, time ?? TimeProvider.System, configure);

    /// <summary>
    /// Connects a client to a cluster over TCP (see <see cref="TcpClusterConnection"/>): finds a gateway through
    /// <paramref name="gateways"/> and returns once connected, or throws <see cref="Abstractions.Exceptions.SiloUnavailableException"/>
    /// after <see cref="ClusterClientOptions.InitialConnectTimeout"/>. The client reconnects by itself afterwards.
    /// </summary>
    public static async Task<ClusterClient> ConnectAsync(IGatewayListProvider gateways, ClusterClientOptions options, TransportOptions? transport = null,
        TimeProvider? time = null, ILoggerFactory? loggers = null, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var connection = new TcpClusterConnection(gateways, options, transport ?? new TransportOptions(), time, loggers ?? NullLoggerFactory.Instance);
        var client = new ClusterClient(connection, time, configure);
        try
        {
            await connection.StartAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Raised after a reconnect once every stream subscription has been renewed (or registered again). Items
    /// published while the client was cut off are not redelivered by the stream; a consumer that tracks positions
    /// reads them back from the stream's history here (the gateway does).
    /// </summary>
    public event Action? StreamsResubscribed;

    /// <summary>The client's connection to the cluster.</summary>
    public IClusterConnection Connection => _connection;

    public IStreamProvider GetStreamProvider(string name) =>
        new StreamProvider(name, _streams, _factory, _services.GetRequiredService<RealtimeSerializer>());

    /// <summary>The id streams deliver this client's items to (its one consumer object).</summary>
    internal GrainId StreamConsumerId => _streams.ConsumerId;

    /// <summary>Renews every stream lease now (normally done by a background timer).</summary>
    public Task RenewStreamLeasesAsync() => _streams.RenewAsync(waitForRunning: true);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => _factory.GetGrain<TGrainInterface>(grainId);

    public IGrain GetGrain(Type grainInterfaceType, string primaryKey) => _factory.GetGrain(grainInterfaceType, primaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid primaryKey) => _factory.GetGrain(grainInterfaceType, primaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long primaryKey) => _factory.GetGrain(grainInterfaceType, primaryKey);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => _factory.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => _factory.DeleteObjectReference<TGrainObserverInterface>(obj);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _streams.DisposeAsync();
        _connection.Detach(ClientId);
        _observers.Clear();
        if (_connection is TcpClusterConnection tcp)
        {
            await tcp.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    private async Task ResubscribeAsync()
    {
        await _streams.RenewAsync(waitForRunning: true);
        StreamsResubscribed?.Invoke();
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        var streams = services.GetRequiredService<IOptions<ClientStreamOptions>>().Value;
        var messaging = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var failures = new List<string>();
        if (streams.SubscriptionLease <= TimeSpan.Zero)
        {
            failures.Add($"{ClientStreamOptions.SectionName}:SubscriptionLease must be positive, but is {streams.SubscriptionLease}.");
        }

        if (streams.RenewalPeriod <= TimeSpan.Zero || streams.RenewalPeriod >= streams.SubscriptionLease)
        {
            failures.Add($"{ClientStreamOptions.SectionName}:RenewalPeriod must be positive and shorter than SubscriptionLease ({streams.SubscriptionLease}), but is {streams.RenewalPeriod}.");
        }

        if (messaging.ResponseTimeout <= TimeSpan.Zero && messaging.ResponseTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{MessagingOptions.SectionName}:ResponseTimeout must be positive, but is {messaging.ResponseTimeout}.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(ClusterClient), typeof(ClusterClient), failures);
        }
    }

    /// <summary>Keeps calls to this client's own observers local; sends the rest to the cluster.</summary>
    private sealed class ClientOutbound(string clientId, ObserverRegistry local, IMessageSink cluster) : IWireMessageSink
    {
        /// <summary>Calls to the cluster are serialized by its connection; calls to this client's own observers are not.</summary>
        public bool SerializesArguments(GrainId target) =>
            !IsLocal(target) && cluster is IWireMessageSink wire && wire.SerializesArguments(target);

        public void Send(Message message)
        {
            if (IsLocal(message.Target))
            {
                local.Send(message);
            }
            else
            {
                cluster.Send(message);
            }
        }

        private bool IsLocal(GrainId target) => ObserverId.IsObserver(target) && ObserverId.HostSpanOf(target).SequenceEqual(clientId);
    }
}
