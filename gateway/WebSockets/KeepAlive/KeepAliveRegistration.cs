namespace OrleansRealtime.Gateway.WebSockets.KeepAlive;

/// <summary>A socket's place in the <see cref="KeepAliveSweep"/>; disposing it stops the pings (idempotent).</summary>
internal readonly struct KeepAliveRegistration(KeepAliveSweep sweep, KeepAliveStream stream) : IDisposable
{
    public void Dispose() => sweep?.Unregister(stream);
}
