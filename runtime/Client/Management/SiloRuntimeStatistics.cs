namespace OrleansRealtime.Client.Management;

/// <summary>A silo's counters at one instant (for cluster status pages and the CLI).</summary>
/// <param name="Silo">The silo's <c>address:port@generation</c>.</param>
/// <param name="Activations">Grain activations in the silo, system grains included.</param>
/// <param name="ConnectedClients">Clients attached to the silo (TCP clients and in-process ones).</param>
/// <param name="SiloConnections">Open outbound connections to other silos.</param>
public sealed record SiloRuntimeStatistics(string Silo, int Activations, int ConnectedClients, int SiloConnections);
