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
    /// How many of its last items' ids a stream remembers to recognize a retried publish (<see cref="Abstractions.Streams.IIdentifiedStreamItem"/>),
    /// which is then answered with the first publish's token instead of being appended again. 0 turns that off.
    /// With a stream log the ids of logged items are logged with them, and a stream that re-activates (after a silo
    /// failure) reads back the newest this many; without one it starts with none. Default 4096.
    /// </summary>
    public int DeduplicationCapacity { get; set; } = 4096;

    /// <summary>
    /// How long an item stays in the history at most (default 5 minutes, the order of the reconnection
    /// windows other realtime systems offer); older items are evicted when the stream publishes or is read.
    /// <see cref="Timeout.InfiniteTimeSpan"/> (<c>-00:00:00.001</c>) keeps items until the capacity evicts them.
    /// </summary>
    public TimeSpan HistoryMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// With a stream log registered: how long a logged item is kept at least (default 1 day); older items go
    /// when the stream trims its log (at activation and after every 1000 logged items). A consumer that resumes
    /// from further back gets an incomplete read (resync). <see cref="Timeout.InfiniteTimeSpan"/> never trims by age.
    /// </summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>With a stream log: how many logged items each stream keeps at most (default 10000); 0 trims by age only.</summary>
    public int LogCapacity { get; set; } = 10_000;

    /// <summary>
    /// With a stream log: at most this many publishes go into one append (default 256). Publishes that queue up
    /// while an append is in flight are appended together in the next one (group commit).
    /// </summary>
    public int LogBatchSize { get; set; } = 256;

    /// <summary>
    /// With a stream log: how many sequence numbers the stream reserves in the log at a time for items it does
    /// not log (default 1000), so a re-activation never hands out a number already delivered. Larger means fewer
    /// writes for ephemeral items and a larger (harmless) jump of the sequence after a failover; 0 writes the
    /// head for every batch with an unlogged item.
    /// </summary>
    public int LogSequenceReservation { get; set; } = 1000;

    /// <summary>
    /// How long a client subscription's deliveries go one-way after the client last confirmed one. The default,
    /// <see cref="TimeSpan.Zero"/>, awaits every delivery, as Orleans' simple message streams do (their
    /// <c>FireAndForgetDelivery</c> is off by default): a publish completes once every subscriber handled the item.
    /// With a positive interval a stream delivers to a client without waiting for its answer, except the first item
    /// after the subscription is registered, after a failed delivery and after this long since the last confirmed
    /// one: that item is awaited, and a client that is gone is found and its subscription dropped then. One-way
    /// delivery saves the answer's round trip per item (two of the six frames an item crosses in a cluster); items of
    /// one subscription keep their order either way. The silo's <c>appsettings.json</c> sets 1 s: its clients are
    /// gateways, which repair a lost item by <c>seq</c>.
    /// </summary>
    public TimeSpan ClientConfirmationInterval { get; set; } = TimeSpan.Zero;
}
