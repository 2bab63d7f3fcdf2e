namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>
/// Sends requests on behalf of grain references; implemented by the runtime (silo or client).
/// Guarantees: arguments are copied before this returns (the caller may mutate them afterwards); the
/// returned task completes exactly once, with the result, the grain's exception, or a
/// <see cref="TimeoutException"/> after the response timeout. Requests from one caller to one activation
/// start in the order they were sent (non-reentrant grains also finish in that order).
/// </summary>
public interface IGrainCallInvoker
{
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest request);

    Task InvokeAsync(GrainReference target, GrainRequest request);

    /// <summary>Sends without waiting for the result (<c>[OneWay]</c> and <c>void</c> observer methods).</summary>
    void InvokeOneWay(GrainReference target, GrainRequest request);
}
