using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Client.Observers;

/// <summary>
/// Grain ids of observer objects: type <c>sys.observer</c>, key <c>{hostId}/{objectId}</c>, where the host is
/// the client or silo holding the object. Routing uses the host part.
/// </summary>
public static class ObserverId
{
    public const string GrainType = "sys.observer";

    public static GrainId Create(string hostId, Guid objectId) => new(GrainType, $"{hostId}/{objectId:N}");

    public static bool IsObserver(GrainId grainId) => grainId.Type == GrainType;

    public static string HostOf(GrainId grainId) => HostSpanOf(grainId).ToString();

    /// <summary>The host part without a new string: every observer call is routed by it.</summary>
    public static ReadOnlySpan<char> HostSpanOf(GrainId grainId)
    {
        int slash = grainId.Key.IndexOf('/');
        return slash < 0 ? grainId.Key : grainId.Key.AsSpan(0, slash);
    }
}
