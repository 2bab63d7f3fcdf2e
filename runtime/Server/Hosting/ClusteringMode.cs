namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Whether this silo routes across a cluster: it has a membership table and a grain directory, and
/// <see cref="EndpointOptions.ListenForConnections"/> is on. Decided once, when the container is built.
/// </summary>
internal sealed record ClusteringMode(bool Enabled);
