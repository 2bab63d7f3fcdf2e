namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// What a gateway silo tells a connecting client in the handshake: which silo it is, and which grain classes the
/// cluster has (grain type, class names, implemented interfaces), so the client can resolve interfaces to grain types
/// without loading grain classes. Serialized as JSON in the handshake payload (see docs/transport.md).
/// </summary>
public sealed record ClusterManifest(string Silo, IReadOnlyList<ClusterManifest.GrainClass> Classes)
{
    public sealed record GrainClass(string GrainType, string ClassName, string ClassFullName, IReadOnlyList<string> Interfaces);
}
