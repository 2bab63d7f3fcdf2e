namespace OrleansRealtime.Server.Streams;

/// <summary>
/// Stream options of a silo, bound from <c>Realtime:Streams</c>. They bound the recent history each stream's
/// rendezvous keeps in memory so that consumers can resume (<c>IAsyncStream.GetItemsAfterAsync</c>).
/// </summary>
public sealed class StreamOptions
{
    public const string SectionName = "Realtime:Streams";

    /// <summary>The largest accepted <see cref="HistoryCapacity"/>; beyond it one stream could hold too much memory.</summary>
    public const int MaxHistoryCapacity = 100_000;

    /// <summary>
    /// How many retained items each stream keeps (default 1000); the oldest is evicted first. 0 keeps none, so
    /// only a consumer that missed nothing can resume. Memory grows with the streams that are active and
    /// their item sizes, so keep it to what a reconnecting client can miss.
    /// </summary>
    public int HistoryCapacity { get; set; } = 1000;

    /// <summary>
    /// How long an item stays in the history at most (default 5 minutes, the order of the reconnection
    /// windows other realtime systems offer); older items are evicted when the stream publishes or is read.
    /// <see cref="Timeout.InfiniteTimeSpan"/> (<c>-00:00:00.001</c>) keeps items until the capacity evicts them.
    /// </summary>
    public TimeSpan HistoryMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
