namespace OrleansRealtime.Abstractions.Streams;

/// <summary>Delegate-based subscribe and resume, as in Orleans' <c>AsyncObservableExtensions</c>.</summary>
public static class AsyncObserverExtensions
{
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(this IAsyncStream<T> stream, Func<T, StreamSequenceToken?, Task> onNext) =>
        stream.SubscribeAsync(new DelegateObserver<T>(onNext));

    public static Task<StreamSubscriptionHandle<T>> ResumeAsync<T>(this StreamSubscriptionHandle<T> handle, Func<T, StreamSequenceToken?, Task> onNext) =>
        handle.ResumeAsync(new DelegateObserver<T>(onNext));

    private sealed class DelegateObserver<T>(Func<T, StreamSequenceToken?, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item, token);

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}
