namespace OrleansRealtime.Client.Messaging;

/// <summary>Call options, bound from <c>Realtime:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Realtime:Messaging";

    /// <summary>How long a caller waits for a response before a <see cref="TimeoutException"/> (Orleans' default, 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often one message may be re-routed to a new activation before it fails.</summary>
    public int MaxForwardCount { get; set; } = 2;
}
