namespace OrleansRealtime.Abstractions.Grains;

/// <summary>Marker for grain interfaces. Use one of the keyed sub-interfaces.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain keyed by a string.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain keyed by a Guid.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain keyed by a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain;

/// <summary>A grain keyed by a Guid plus a string extension.</summary>
public interface IGrainWithGuidCompoundKey : IGrain;

/// <summary>A grain keyed by a 64-bit integer plus a string extension.</summary>
public interface IGrainWithIntegerCompoundKey : IGrain;
