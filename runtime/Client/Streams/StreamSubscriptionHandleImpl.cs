using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>A handle bound to the subscriber that obtained it.</summary>
internal sealed class StreamSubscriptionHandleImpl<T>(AsyncStream<T> stream, Guid subscriptionId, bool isImplicit) : StreamSubscriptionHandle<T>
{
    public override Guid HandleId { get; } = subscriptionId;

    public override StreamId StreamId => stream.StreamId;

    public override string ProviderName => stream.ProviderName;

    public override Task UnsubscribeAsync() => stream.UnsubscribeAsync(HandleId, isImplicit);

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer)
    {
        stream.Subscriber.Consumers.Attach(HandleId, observer);
        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }
}
