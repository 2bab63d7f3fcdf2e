using Microsoft.AspNetCore.SignalR;

namespace OrleansRealtime.Bench.SignalRPeer;

/// <summary>The hub clients connect to; it has no methods: everything is pushed from the publish endpoints.</summary>
public sealed class BenchHub : Hub;
