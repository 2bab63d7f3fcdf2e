using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.TestingHost;

/// <summary>
/// One silo in this process plus a <see cref="ClusterClient"/> connected to it. The client survives silo
/// restarts: while the silo is down its calls fail with <c>SiloUnavailableException</c>; after a restart
/// they reach the new silo. Dispose stops everything.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>[] _silo;
    private readonly Action<IHostApplicationBuilder>[] _host;
    private readonly Dictionary<string, string?> _configuration;
    private readonly bool _defaultProviders;
    private readonly SwitchableConnection _connection = new();
    private ClusterClient? _client;

    internal InProcessTestCluster(TimeProvider time, Action<ISiloBuilder>[] silo, Action<IHostApplicationBuilder>[] host, Dictionary<string, string?> configuration, bool defaultProviders)
    {
        Time = time;
        _silo = silo;
        _host = host;
        _configuration = configuration;
        _defaultProviders = defaultProviders;
    }

    public TimeProvider Time { get; }

    /// <summary>Grain state of the default "Default" and "PubSubStore" providers; kept across silo restarts.</summary>
    public MemoryGrainStorage Storage { get; } = new();

    /// <summary>The default reminder table; kept across silo restarts.</summary>
    public MemoryReminderTable ReminderTable { get; } = new();

    /// <summary>The running silo's host (null while stopped).</summary>
    public IHost? SiloHost { get; private set; }

    public IServiceProvider SiloServices => SiloHost?.Services ?? throw new InvalidOperationException("The silo is not running.");

    public Silo Silo => SiloServices.GetRequiredService<Silo>();

    /// <summary>The silo's own grain factory (calls from "inside" the silo).</summary>
    public IGrainFactory GrainFactory => SiloServices.GetRequiredService<IGrainFactory>();

    public IClusterClient Client => _client ?? throw new InvalidOperationException("Call DeployAsync first.");

    public async Task DeployAsync()
    {
        await StartSiloAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_configuration).Build();
        _client = ClusterClient.Connect(_connection, Time, services =>
        {
            services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.SectionName));
            services.Configure<ClientStreamOptions>(configuration.GetSection(ClientStreamOptions.SectionName));
        });
    }

    public async Task StartSiloAsync()
    {
        if (SiloHost is not null)
        {
            throw new InvalidOperationException("The silo is already running.");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Time);
        builder.UseSilo(silo =>
        {
            if (_defaultProviders)
            {
                silo.AddMemoryGrainStorage("Default", Storage);
                silo.UseInMemoryReminderService(ReminderTable);
            }

            foreach (var configure in _silo)
            {
                configure(silo);
            }
        });
        foreach (var configure in _host)
        {
            configure(builder);
        }

        var host = builder.Build();
        await host.StartAsync();
        SiloHost = host;
        _connection.Connect(host.Services.GetRequiredService<IClusterConnection>());
    }

    /// <summary>Stops the silo gracefully: every activation deactivates.</summary>
    public async Task StopSiloAsync()
    {
        var host = SiloHost ?? throw new InvalidOperationException("The silo is not running.");
        _connection.Disconnect();
        SiloHost = null;
        await host.StopAsync();
        host.Dispose();
    }

    public async Task RestartSiloAsync()
    {
        await StopSiloAsync();
        await StartSiloAsync();
    }

    /// <summary>Deactivates one grain (as idle collection would) and waits until it is gone.</summary>
    public Task DeactivateGrainAsync(IAddressable grain) => DeactivateGrainAsync(grain.GetGrainId());

    public Task DeactivateGrainAsync(GrainId grainId) =>
        SiloServices.GetRequiredService<Catalog>().DeactivateAsync(grainId, new DeactivationReason(DeactivationReasonCode.ExternalRequest, "Test cluster"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (SiloHost is not null)
        {
            await StopSiloAsync();
        }
    }
}
