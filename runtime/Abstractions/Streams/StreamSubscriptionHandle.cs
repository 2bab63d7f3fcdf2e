namespace OrleansRealtime.Abstractions.Streams;

/// <summary>A subscription of one consumer to one stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract Guid HandleId { get; }

    public abstract StreamId StreamId { get; }

    public abstract string ProviderName { get; }

    /// <summary>Removes the subscription; no item is delivered to it after this completes.</summary>
    public abstract Task UnsubscribeAsync();

    /// <summary>Attaches a (new) observer to this subscription, typically in <c>OnActivateAsync</c>.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer);
}
