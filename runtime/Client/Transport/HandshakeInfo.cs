namespace OrleansRealtime.Client.Transport;

/// <summary>
/// What each side says in the handshake (the Hello frame). <see cref="Payload"/> is opaque to the transport:
/// the layer above puts its grain manifest or silo address there.
/// </summary>
/// <param name="Role">What the sender is; a listener accepts <see cref="PeerRole.Silo"/> on its silo port and <see cref="PeerRole.Client"/> on its gateway port.</param>
/// <param name="ClusterId">The cluster the sender belongs to; a connector refuses a reply from another cluster.</param>
/// <param name="SenderId">A name for logs and for the layer above (a silo address, a client id).</param>
/// <param name="Payload">Opaque bytes, at most <see cref="TransportOptions.MaxFrameSize"/> with the rest of the frame.</param>
public sealed record HandshakeInfo(PeerRole Role, string ClusterId, string SenderId, byte[] Payload);
