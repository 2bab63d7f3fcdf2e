namespace OrleansRealtime.Bench.SignalRPeer;

/// <summary>The body of every publish endpoint: <c>{"m": "..."}</c>, the harness's marker string.</summary>
public sealed record Message(string M);
