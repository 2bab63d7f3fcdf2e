using Microsoft.Extensions.Hosting;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.TestingHost;

/// <summary>
/// Builds an in-process cluster for tests, in the spirit of Orleans' <c>InProcessTestClusterBuilder</c>:
/// <code>await using var cluster = new InProcessTestClusterBuilder().ConfigureSilo(s => s.AddGrain&lt;MyGrain&gt;()).Build();
/// await cluster.DeployAsync();</code>
/// By default the silo gets memory storage named "Default" and an in-memory reminder table, both owned by
/// the cluster so they survive <see cref="InProcessTestCluster.RestartSiloAsync"/>.
/// </summary>
public sealed class InProcessTestClusterBuilder
{
    private readonly List<Action<ISiloBuilder>> _silo = [];
    private readonly List<Action<IHostApplicationBuilder>> _host = [];
    private readonly Dictionary<string, string?> _configuration = new(StringComparer.Ordinal);
    private TimeProvider _time = TimeProvider.System;
    private bool _defaultProviders = true;

    public InProcessTestClusterBuilder ConfigureSilo(Action<ISiloBuilder> configure)
    {
        _silo.Add(configure);
        return this;
    }

    public InProcessTestClusterBuilder ConfigureHost(Action<IHostApplicationBuilder> configure)
    {
        _host.Add(configure);
        return this;
    }

    /// <summary>Sets a configuration value, for example <c>("Realtime:Messaging:ResponseTimeout", "00:00:01")</c>.</summary>
    public InProcessTestClusterBuilder WithSetting(string key, string? value)
    {
        _configuration[key] = value;
        return this;
    }

    /// <summary>The clock of silo and client (a <see cref="FakeTimeProvider"/> to drive timers by hand).</summary>
    public InProcessTestClusterBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>Leaves storage and reminders entirely to <see cref="ConfigureSilo"/>.</summary>
    public InProcessTestClusterBuilder WithoutDefaultProviders()
    {
        _defaultProviders = false;
        return this;
    }

    public InProcessTestCluster Build() =>
        new(_time, [.. _silo], [.. _host], new Dictionary<string, string?>(_configuration), _defaultProviders);
}
