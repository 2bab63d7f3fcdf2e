namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>One <c>balance:update</c> a client received: its marker (the balance after the deposit), envelope id, stream position, and on which connection.</summary>
public sealed record ReceivedEvent(long Marker, string Id, long Seq, long Epoch, int Connection, string Gateway);
