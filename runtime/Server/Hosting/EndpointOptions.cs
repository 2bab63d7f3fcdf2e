using System.Net;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Where other silos and clients reach this silo, bound from <c>Realtime:Endpoints</c>, as Orleans'
/// <c>EndpointOptions</c>. The silo writes them into its membership row (address, <see cref="SiloPort"/>,
/// <see cref="GatewayPort"/>); read only when a membership table is configured. Nothing listens on these ports
/// yet: the silo-to-silo and client transport (issue 6) will.
/// </summary>
public sealed class EndpointOptions
{
    public const string SectionName = "Realtime:Endpoints";

    /// <summary>
    /// The IP address other silos connect to. Empty (the default): the first IPv4 address of this host that is
    /// not a loopback address, or 127.0.0.1 when there is none. Never a wildcard (0.0.0.0, ::). Two silos with the
    /// same address and <see cref="SiloPort"/> are two generations of one silo: the later one declares the earlier
    /// one dead when it joins, so silos sharing a machine need distinct ports.
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = string.Empty;

    /// <summary>The silo-to-silo port. Orleans' default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to, or 0 when this silo is no gateway. Orleans' default: 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    internal static string? ValidateAddress(EndpointOptions o) =>
        o.AdvertisedIPAddress.Length == 0
            || (IPAddress.TryParse(o.AdvertisedIPAddress, out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !ip.Equals(IPAddress.None))
            ? null
            : $"AdvertisedIPAddress must be empty or a specific IP address (not a wildcard), but is '{o.AdvertisedIPAddress}'.";

    internal static string? ValidateSiloPort(EndpointOptions o) =>
        o.SiloPort is < 1 or > 65535 ? $"SiloPort must be between 1 and 65535, but is {o.SiloPort}." : null;

    internal static string? ValidateGatewayPort(EndpointOptions o) =>
        o.GatewayPort is < 0 or > 65535 ? $"GatewayPort must be between 0 (no gateway) and 65535, but is {o.GatewayPort}." : null;
}
