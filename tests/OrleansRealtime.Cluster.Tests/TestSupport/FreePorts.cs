using System.Net;
using System.Net.Sockets;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// Ports nobody listens on right now, found by binding port 0. Another process could take one before the child
/// binds it; the window is short, and a child that loses it fails its start loudly (it never binds silently elsewhere).
/// </summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
