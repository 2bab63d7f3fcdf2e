using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.TestingHost;

/// <summary>One silo of a <see cref="MultiSiloTestCluster"/>: its host, address and activations.</summary>
public sealed class TestSilo
{
    internal TestSilo(IHost host, int index)
    {
        Host = host;
        Index = index;
        Address = host.Services.GetRequiredService<IClusterMembership>().LocalSilo
            ?? throw new InvalidOperationException("The silo started without joining the cluster.");
    }

    public IHost Host { get; }

    /// <summary>The order the cluster started it in (0 for the first), for messages.</summary>
    public int Index { get; }

    public SiloAddress Address { get; }

    /// <summary>False once stopped or killed.</summary>
    public bool IsRunning { get; internal set; } = true;

    public IServiceProvider Services => Host.Services;

    public Silo Silo => Services.GetRequiredService<Silo>();

    /// <summary>The silo's own grain factory (calls from inside the silo).</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public IClusterMembership Membership => Services.GetRequiredService<IClusterMembership>();

    public int ActivationCount => Silo.ActivationCount;

    /// <summary>True when <paramref name="grainId"/> has an activation (activating or active) in this silo.</summary>
    public bool Hosts(GrainId grainId) =>
        IsRunning && Services.GetRequiredService<Catalog>().TryGet(grainId, out var activation) && activation.AcceptsCalls;

    public override string ToString() => $"silo {Index} ({Address})";
}
