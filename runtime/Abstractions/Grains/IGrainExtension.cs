namespace OrleansRealtime.Abstractions.Grains;

/// <summary>
/// Marker for runtime extensions: interfaces a grain's activation answers on the grain's behalf (for
/// example stream delivery) when the grain class does not implement them itself. Extension calls are
/// ordinary turns of the activation.
/// </summary>
public interface IGrainExtension : IAddressable;
