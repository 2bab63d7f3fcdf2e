using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.Client.Transport;

/// <summary>
/// The target silo says the grain does not live there. <see cref="Address"/> is where it lives now, or null
/// for "not here, look it up again". A router catches it, updates its cache and resends; it is not meant to
/// reach grain code. On the wire it is a Redirect response, not an exception, so the address survives.
/// </summary>
public sealed class GrainRedirectException : RealtimeException
{
    public GrainRedirectException(GrainAddress? address)
        : base(address is null ? "The grain is not activated on this silo; look it up again." : $"The grain lives elsewhere: {address}.")
    {
        Address = address;
    }

    public GrainRedirectException(GrainAddress? address, string message)
        : base(message)
    {
        Address = address;
    }

    /// <summary>For <c>ExceptionCodec.Restore</c>, which recreates runtime exceptions from type and message; the address is lost.</summary>
    public GrainRedirectException(string message)
        : base(message)
    {
    }

    public GrainRedirectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public GrainAddress? Address { get; }
}
