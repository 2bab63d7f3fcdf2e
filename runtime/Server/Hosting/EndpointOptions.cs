using System.Net;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Where other silos and clients reach this silo, bound from <c>Realtime:Endpoints</c>, as Orleans'
/// <c>EndpointOptions</c>. The silo writes them into its membership row (address, <see cref="SiloPort"/>,
/// <see cref="GatewayPort"/>); read only when a membership table is configured. A clustered silo (membership table and grain directory) listens on both ports
/// (docs/transport.md); port 0 binds an ephemeral port, and the row carries the bound one.
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

    /// <summary>
    /// The port clients connect to, or 0 when this silo is no gateway, or -1 for any free port (tests). Orleans'
    /// default: 30000.
    /// </summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Listen on every address of the host (0.0.0.0) instead of only <see cref="AdvertisedIPAddress"/>; for containers,
    /// where the advertised address is the pod's and traffic may arrive on another. Default false, as in Orleans.
    /// </summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Whether a clustered silo opens its ports and routes calls across silos (default true). False keeps a silo with
    /// a membership table and a directory to itself: it joins the table but places every grain locally and registers
    /// nothing in the directory (tests of membership alone run several such silos on made-up ports).
    /// </summary>
    public bool ListenForConnections { get; set; } = true;

    internal static string? ValidateAddress(EndpointOptions o) =>
        o.AdvertisedIPAddress.Length == 0
            || (IPAddress.TryParse(o.AdvertisedIPAddress, out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !ip.Equals(IPAddress.None))
            ? null
            : $"AdvertisedIPAddress must be empty or a specific IP address (not a wildcard), but is '{o.AdvertisedIPAddress}'.";

    internal static string? ValidateSiloPort(EndpointOptions o) =>
        o.SiloPort is < 0 or > 65535 ? $"SiloPort must be between 0 (any free port) and 65535, but is {o.SiloPort}." : null;

    internal static string? ValidateGatewayPort(EndpointOptions o) =>
        o.GatewayPort is < -1 or > 65535 ? $"GatewayPort must be -1 (any free port), 0 (no gateway) or a port up to 65535, but is {o.GatewayPort}." : null;
}
