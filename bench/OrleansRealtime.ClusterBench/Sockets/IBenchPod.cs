namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// The gateway pod the bench's sockets connect to: <see cref="BenchGatewayPod"/> in this process, or
/// <see cref="ChildGatewayPod"/>, the same pod in a child process.
/// </summary>
internal interface IBenchPod : IAsyncDisposable
{
    /// <summary><c>ws://127.0.0.1:{port}/ws</c>.</summary>
    Uri WebSocketEndpoint { get; }

    /// <summary>The silo the pod's cluster client is connected to (<c>SiloAddress.ToParsableString()</c>), or null.</summary>
    string? GatewaySilo { get; }

    /// <summary>A token for <paramref name="userId"/>, signed with the pod's key.</summary>
    Task<string> MintTokenAsync(string userId);
}
