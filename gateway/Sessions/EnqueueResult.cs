namespace OrleansRealtime.Gateway.Sessions;

/// <summary>What a socket's outbound queue did with a message.</summary>
internal enum EnqueueResult
{
    Enqueued,

    /// <summary>An ephemeral message found the queue full and was dropped (counted).</summary>
    Dropped,

    /// <summary>A durable message found no room even after conflation: the consumer is too slow and must be closed.</summary>
    Overflow,

    /// <summary>The queue is closed (the socket is closing); nothing more is sent.</summary>
    Closed,
}
