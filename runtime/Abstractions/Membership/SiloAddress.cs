using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// One silo process: the endpoint it accepts silo-to-silo connections on, plus a generation. A restarted
/// process at the same endpoint has a new (larger) generation, so it is a different silo: the membership
/// table, the grain directory and every caller tell the old incarnation from the new one. As Orleans'
/// <c>SiloAddress</c>. Immutable; equal when address, port and generation are equal.
/// </summary>
/// <remarks>
/// The parsable form is <c>address:port@generation</c> (<c>10.0.0.5:11111@131225405</c>,
/// <c>[::1]:11111@131225405</c>); it is what the PostgreSQL tables store.
/// </remarks>
public sealed class SiloAddress : IEquatable<SiloAddress>, IComparable<SiloAddress>
{
    /// <summary>Generations count seconds from this instant, as Orleans' do (they fit an int until 2090).</summary>
    private static readonly DateTimeOffset GenerationEpoch = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int s_lastGeneration;

    private SiloAddress(IPAddress address, int port, int generation)
    {
        Address = address;
        Port = port;
        Generation = generation;
    }

    /// <summary>The IP address other silos connect to (never a wildcard in a real cluster).</summary>
    public IPAddress Address { get; }

    /// <summary>The silo-to-silo port (Orleans' default: 11111).</summary>
    public int Port { get; }

    /// <summary>Positive; larger for a later start of a process at the same endpoint.</summary>
    public int Generation { get; }

    /// <summary>A new endpoint object on each call: <see cref="IPEndPoint"/> is mutable, this type is not.</summary>
    public IPEndPoint Endpoint => new(Address, Port);

    /// <param name="endpoint">The silo's endpoint; copied.</param>
    /// <param name="generation">Positive; see <see cref="AllocateGeneration"/>.</param>
    public static SiloAddress New(IPEndPoint endpoint, int generation)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(endpoint.Port, 1, nameof(endpoint));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(generation);

        // A copy, so a caller that mutates its IPAddress afterwards (ScopeId) cannot change this silo.
        var source = endpoint.Address;
        var address = source.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPAddress(source.GetAddressBytes(), source.ScopeId)
            : new IPAddress(source.GetAddressBytes());
        return new SiloAddress(address, endpoint.Port, generation);
    }

    /// <summary>
    /// A generation for a process starting now: whole seconds since 2022-01-01 UTC on <paramref name="time"/>,
    /// and always larger than the last one this process allocated, so two silos started in one process within
    /// one second (a test cluster restarting a silo) still differ. A restart on another machine with a clock
    /// far behind could reuse a generation; clocks within a second of each other are assumed.
    /// </summary>
    public static int AllocateGeneration(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        int now = (int)Math.Clamp((long)(time.GetUtcNow() - GenerationEpoch).TotalSeconds, 1, int.MaxValue);
        while (true)
        {
            int last = Volatile.Read(ref s_lastGeneration);
            int next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Parses <c>address:port@generation</c>, as written by <see cref="ToParsableString"/>.</summary>
    public static SiloAddress Parse(string value) =>
        TryParse(value, out var silo) ? silo : throw new FormatException($"'{value}' is not a silo address; expected 'address:port@generation', for example '10.0.0.5:11111@131225405'.");

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out SiloAddress? silo)
    {
        silo = null;
        if (value is null)
        {
            return false;
        }

        int at = value.LastIndexOf('@');
        if (at <= 0
            || !int.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int generation)
            || generation <= 0
            || !IPEndPoint.TryParse(value.AsSpan(0, at), out var endpoint)
            || endpoint.Port == 0)
        {
            return false;
        }

        silo = New(endpoint, generation);
        return true;
    }

    /// <summary>True when <paramref name="other"/> is a process at the same endpoint, of any generation.</summary>
    public bool IsSameEndpoint(SiloAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Port == other.Port && Address.Equals(other.Address);
    }

    /// <summary><c>address:port@generation</c>; <see cref="Parse"/> reads it back.</summary>
    public string ToParsableString() => string.Create(CultureInfo.InvariantCulture, $"{Endpoint}@{Generation}");

    public override string ToString() => ToParsableString();

    public bool Equals(SiloAddress? other) =>
        other is not null && Generation == other.Generation && Port == other.Port && Address.Equals(other.Address);

    public override bool Equals(object? obj) => Equals(obj as SiloAddress);

    public override int GetHashCode() => HashCode.Combine(Address, Port, Generation);

    /// <summary>Orders by address bytes, then port, then generation: a stable order every silo agrees on.</summary>
    public int CompareTo(SiloAddress? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byAddress = Address.GetAddressBytes().AsSpan().SequenceCompareTo(other.Address.GetAddressBytes());
        if (byAddress != 0)
        {
            return byAddress;
        }

        return Port != other.Port ? Port.CompareTo(other.Port) : Generation.CompareTo(other.Generation);
    }

    public static bool operator ==(SiloAddress? left, SiloAddress? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SiloAddress? left, SiloAddress? right) => !(left == right);
}
