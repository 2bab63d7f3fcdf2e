namespace OrleansRealtime.Client.Transport;

/// <summary>What the sender of a handshake is: a silo (silo port) or a cluster client (gateway port).</summary>
public enum PeerRole : byte
{
    Silo = 1,
    Client = 2,
}
