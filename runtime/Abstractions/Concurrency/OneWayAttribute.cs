namespace OrleansRealtime.Abstractions.Concurrency;

/// <summary>
/// The caller does not wait for the call: the returned task completes once the request is sent, and the
/// grain's result or exception is discarded. Delivery is at most once.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
