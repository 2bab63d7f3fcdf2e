namespace OrleansRealtime.Abstractions.Streams;

/// <summary>Consumes stream items. Calls for one subscription never overlap and arrive in stream order.</summary>
public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnCompletedAsync();

    Task OnErrorAsync(Exception ex);
}
