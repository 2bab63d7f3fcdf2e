namespace OrleansRealtime.Abstractions.Grains;

/// <summary>Marker for anything that can be the target of a grain call: grains and observers.</summary>
public interface IAddressable;
